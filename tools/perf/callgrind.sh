#!/usr/bin/env bash
# tools/perf/callgrind.sh: instructions executed per function, counted exactly with valgrind.
#
# Unlike a sampled profile, callgrind's instruction counts repeat run after run (same input,
# same binary, one worker thread), so two builds can be compared function by function. It is
# ~50x slower than native, hence the smaller default input. Writes into perf-out/:
#   callgrind.out             the raw profile (open with kcachegrind or callgrind_annotate)
#   callgrind-self.txt        instructions (Ir) per function, exclusive, hottest first
#   callgrind-inclusive.txt   the same, including callees
#   callgrind-annotated.txt   source of the hottest functions, each line with its Ir count
#
# Usage: tools/perf/callgrind.sh [--workload engine|bench] [--tweets N] [--threads T]
#                                [--out DIR] [-- CMD...]
#   (defaults: 20000 tweets, 1 thread)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

tweets=20000
threads=1
perf_parse_args "$@"
[ ${#rest[@]} -eq 0 ] || perf_die "unknown argument '${rest[0]}' (see --help)" 2
command -v valgrind >/dev/null || perf_die "valgrind not found: install it with 'apt-get install valgrind'"
perf_build
perf_workload

echo "running under callgrind (slow: ~50x)"
rm -f "$out/callgrind.out"
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" --dump-instr=no \
  --collect-jumps=no --separate-threads=no -- "${cmd[@]}" \
  >"$out/workload.out" 2>"$out/callgrind.log" \
  || { tail -20 "$out/callgrind.log" >&2; perf_die "the workload failed under valgrind (log: $out/callgrind.log)"; }
grep -E '^==[0-9]+== (Collected|Events)' "$out/callgrind.log" || true

callgrind_annotate --inclusive=no --threshold=99 "$out/callgrind.out" >"$out/callgrind-self.txt"
callgrind_annotate --inclusive=yes --threshold=99 "$out/callgrind.out" >"$out/callgrind-inclusive.txt"
# --auto=yes prints the source of every function above the threshold, line by line.
callgrind_annotate --inclusive=no --threshold=80 --auto=yes --context=3 "$out/callgrind.out" \
  >"$out/callgrind-annotated.txt" 2>/dev/null || true

echo
echo "instructions per function (self):"
# The function table follows the "Ir ... file:function" header; keep its first rows.
awk '/file:function/ { table = 1; next } table && NF == 0 && shown { exit }
     table && /^-+$/ { next }
     table && NF > 0 { print; shown++; if (shown == 15) exit }' "$out/callgrind-self.txt" | cut -c1-160
echo
echo "wrote $out/callgrind.out, callgrind-self.txt, callgrind-inclusive.txt, callgrind-annotated.txt"
