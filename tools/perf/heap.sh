#!/usr/bin/env bash
# tools/perf/heap.sh: where the heap goes, with heaptrack (or valgrind massif without it).
#
# heaptrack records every allocation with its call stack at a small slowdown; massif samples the
# heap's size over time under valgrind (~20x slower). Writes into perf-out/:
#   heaptrack.firecount.*     the raw trace (open with heaptrack_gui if you have it)
#   heaptrack.txt             peak heap, leaks, and the call sites that allocate most / most often
#   heap-flamegraph.svg       the heap at its peak as a flame graph (box width = bytes)
#   massif.out, massif.txt    with --massif (or without heaptrack): the heap profile and its graph
#
# Usage: tools/perf/heap.sh [--massif] [--workload engine|bench] [--tweets N] [--threads T]
#                           [--out DIR] [-- CMD...]
#   (defaults: 50000 tweets, all cores)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

tweets=50000
threads="$(nproc)"
use_massif=0
perf_parse_args "$@"
for arg in "${rest[@]+"${rest[@]}"}"; do
  case "$arg" in
    --massif) use_massif=1 ;;
    *) perf_die "unknown argument '$arg' (see --help)" 2 ;;
  esac
done
if [ "$use_massif" = 0 ] && ! command -v heaptrack >/dev/null; then
  echo "heaptrack not found (apt-get install heaptrack); using valgrind massif instead"
  use_massif=1
fi
if [ "$use_massif" = 1 ]; then
  command -v valgrind >/dev/null || perf_die "neither heaptrack nor valgrind found: apt-get install heaptrack"
fi
perf_build
perf_workload

if [ "$use_massif" = 0 ]; then
  rm -f "$out"/heaptrack.firecount.*
  echo "running under heaptrack"
  heaptrack -o "$out/heaptrack.firecount" "${cmd[@]}" >"$out/workload.out" 2>"$out/heaptrack.log" \
    || { tail -20 "$out/heaptrack.log" >&2; perf_die "the workload failed under heaptrack (log: $out/heaptrack.log)"; }
  trace="$(ls -t "$out"/heaptrack.firecount.* | head -n 1)"
  heaptrack_print --print-peaks yes --print-allocators yes --print-temporary yes \
    --print-leaks yes --peak-limit 15 "$trace" >"$out/heaptrack.txt" 2>"$out/heaptrack-print.log" \
    || { cat "$out/heaptrack-print.log" >&2; perf_die "heaptrack_print failed on $trace"; }
  heaptrack_print --print-peaks no --print-allocators no --flamegraph-cost-type peak \
    -F "$out/heap-peak.folded" "$trace" >/dev/null 2>>"$out/heaptrack-print.log" \
    && python3 "$repo/tools/perf/flamegraph.py" --input "$out/heap-peak.folded" \
         --title "firecount: heap at its peak (bytes)" >"$out/heap-flamegraph.svg" \
    || echo "note: no heap flame graph (see $out/heaptrack-print.log)"
  echo
  grep -E '^(total runtime|calls to allocation functions|temporary memory allocations|peak heap memory consumption|peak RSS|total memory leaked)' \
    "$out/heaptrack.txt" || true
  echo
  echo "largest contributors to the peak:"
  awk '/^PEAK MEMORY CONSUMERS/ { on = 1; next } on && /^[A-Z]/ { exit }
       on && /peak memory consumed over/ { print; getline; print "    in " $0; if (++n == 6) exit }' \
    "$out/heaptrack.txt" | cut -c1-160
  echo
  echo "wrote $trace, $out/heaptrack.txt and $out/heap-flamegraph.svg"
else
  echo "running under valgrind massif (slow: ~20x)"
  valgrind --tool=massif --massif-out-file="$out/massif.out" --threshold=0.5 -- "${cmd[@]}" \
    >"$out/workload.out" 2>"$out/massif.log" \
    || { tail -20 "$out/massif.log" >&2; perf_die "the workload failed under massif (log: $out/massif.log)"; }
  ms_print "$out/massif.out" >"$out/massif.txt"
  echo
  sed -n '1,40p' "$out/massif.txt"
  echo "wrote $out/massif.out and $out/massif.txt"
fi
