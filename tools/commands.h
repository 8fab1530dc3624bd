#pragma once
// The firecount subcommands. tools/main.cc dispatches on argv[1]: "gen", "bench" and "rules" go
// to the functions below (each in its own tools/<name>_command.cc); anything else runs the engine.
//
// Each returns the process exit code: 0 success, 1 runtime failure, 2 bad usage. `argv[0]` is the
// subcommand's name. They print results to stdout and diagnostics to stderr.

namespace firecount {

int run_engine_command(int argc, char** argv);  // firecount [--source ...] (the engine)
int run_gen_command(int argc, char** argv);     // firecount gen --tweets N --seed S
int run_bench_command(int argc, char** argv);   // firecount bench [--threads 1..N] [--input FILE]
int run_rules_command(int argc, char** argv);   // firecount rules list|add|delete (X v2 rules)

}  // namespace firecount
