// The firecount executable: dispatches to a subcommand or runs the engine.
// Exceptions are for start-up failures only; they end here as exit code 1.

#include <cstring>
#include <exception>
#include <iostream>

#include "tools/commands.h"

int main(int argc, char** argv) {
  try {
    if (argc > 1 && std::strcmp(argv[1], "gen") == 0) {
      return firecount::run_gen_command(argc - 1, argv + 1);
    }
    if (argc > 1 && std::strcmp(argv[1], "bench") == 0) {
      return firecount::run_bench_command(argc - 1, argv + 1);
    }
    if (argc > 1 && std::strcmp(argv[1], "rules") == 0) {
      return firecount::run_rules_command(argc - 1, argv + 1);
    }
    return firecount::run_engine_command(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "firecount: " << e.what() << std::endl;
    return 1;
  }
}
