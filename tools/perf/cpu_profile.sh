#!/usr/bin/env bash
# tools/perf/cpu_profile.sh: where the CPU time goes, sampled with perf, as a report and a flame
# graph.
#
# Records the workload with `perf record -e cpu-clock` (a software clock: works in VMs and
# containers without hardware counters) and call graphs, then writes into perf-out/:
#   perf.data             the samples (open with `perf report -i perf-out/perf.data`)
#   perf-report.txt       flat profile: self time per function, hottest first
#   perf-callers.txt      the same with call chains (children included)
#   stacks.folded         one line per distinct stack, "frame;frame;frame count"
#   flamegraph.svg        interactive flame graph (open in a browser; click to zoom)
#
# Usage: tools/perf/cpu_profile.sh [--workload engine|bench] [--tweets N] [--threads T]
#                                  [--freq HZ] [--call-graph fp|dwarf] [--out DIR] [-- CMD...]
#   --freq HZ            samples per second per thread (default 3999)
#   --call-graph MODE    fp (default: frame pointers, cheap) or dwarf (unwinds through system
#                        libraries built without frame pointers, bigger perf.data)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

tweets=200000
threads="$(nproc)"
freq=3999
call_graph=fp
perf_parse_args "$@"
set -- "${rest[@]+"${rest[@]}"}"
while [ $# -gt 0 ]; do
  case "$1" in
    --freq) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || perf_die "--freq needs a positive integer" 2; freq="$2"; shift 2 ;;
    --call-graph) case "${2:-}" in fp|dwarf) call_graph="$2" ;; *) perf_die "--call-graph is fp or dwarf" 2 ;; esac; shift 2 ;;
    *) perf_die "unknown argument '$1' (see --help)" 2 ;;
  esac
done

command -v perf >/dev/null || perf_die "perf not found: install it with 'apt-get install linux-perf'"
perf_build
perf_workload

echo "recording (cpu-clock, ${freq} Hz, call graph: $call_graph)"
# perf record does not pass on the workload's exit status; a small shell around it records it.
rm -f "$out/workload.status"
perf record -e cpu-clock -F "$freq" --call-graph "$call_graph" -o "$out/perf.data" -- \
  bash -c '"$@"; echo $? >"$0"' "$out/workload.status" "${cmd[@]}" \
  >"$out/workload.out" 2>"$out/workload.err" \
  || { cat "$out/workload.err" >&2; perf_die "perf record failed (if perf_event_open is denied: sysctl kernel.perf_event_paranoid=1, or run as root)"; }
status="$(cat "$out/workload.status" 2>/dev/null || echo '?')"
if [ "$status" != 0 ]; then
  cat "$out/workload.err" >&2
  perf_die "the workload exited with status $status; its output is in $out/workload.err"
fi
tail -n 3 "$out/workload.err" | sed 's/^/  workload: /'

perf report -i "$out/perf.data" --stdio --no-children --sort symbol --percent-limit 0.5 \
  >"$out/perf-report.txt" 2>/dev/null
perf report -i "$out/perf.data" --stdio --children --sort symbol --percent-limit 2 \
  >"$out/perf-callers.txt" 2>/dev/null
perf script -i "$out/perf.data" 2>/dev/null \
  | python3 "$repo/tools/perf/flamegraph.py" --folded "$out/stacks.folded" \
      --title "firecount: ${cmd[*]##*/}" >"$out/flamegraph.svg"

echo
echo "hottest functions (self time):"
grep -E '^ +[0-9.]+%' "$out/perf-report.txt" | sed -E 's/[[:space:]-]+$//' | cut -c1-150 | head -n 15
echo
echo "wrote $out/perf-report.txt, perf-callers.txt, stacks.folded, flamegraph.svg"
