# Shared by the tools/perf scripts (sourced, not run): options, the profiling build and the
# workload. Every script builds build-perf/ (RelWithDebInfo: -O3 -g -fno-omit-frame-pointer)
# and writes only into perf-out/ (gitignored).
#
# Options every script takes:
#   --workload engine|bench  engine (default): build-perf/firecount --source file:INPUT --once
#                            --output json --threads T over a generated file;
#                            bench: build-perf/firecount bench --threads T --repeat 1 --tweets N
#   --tweets N               tweets in the generated input (default: per script)
#   --threads T              worker threads (default: per script)
#   --out DIR                output folder (default perf-out/)
#   -- CMD ARGS...           profile this command instead; @INPUT@ in it becomes the generated
#                            file's path, e.g.  -- build-perf/firecount --source file:@INPUT@ --once

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$repo/build-perf"
out="$repo/perf-out"
workload=engine
custom=()

perf_usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  sed -n '5,14p' "$repo/tools/perf/common.sh" | sed 's/^# \{0,1\}//'
}

perf_die() {
  echo "$(basename "$0"): $1" >&2
  exit "${2:-1}"
}

# perf_parse_args "$@": sets workload, tweets, threads, out, custom; leaves extra flags in rest.
perf_parse_args() {
  rest=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --help|-h) perf_usage; exit 0 ;;
      --workload)
        [ $# -ge 2 ] || perf_die "--workload needs engine or bench" 2
        case "$2" in engine|bench) workload="$2" ;; *) perf_die "--workload is engine or bench, got '$2'" 2 ;; esac
        shift 2 ;;
      --tweets|--threads)
        [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || perf_die "$1 needs a positive integer" 2
        if [ "$1" = --tweets ]; then tweets="$2"; else threads="$2"; fi
        shift 2 ;;
      --out)
        [ $# -ge 2 ] || perf_die "--out needs a directory" 2
        out="$(realpath -m "$2")"
        shift 2 ;;
      --) shift; custom=("$@"); break ;;
      *) rest+=("$1"); shift ;;
    esac
  done
}

# Builds build-perf/firecount (RelWithDebInfo with frame pointers), quietly unless it fails.
perf_build() {
  mkdir -p "$out"
  local log="$out/build.log"
  if [ ! -f "$build/CMakeCache.txt" ]; then
    echo "configuring $build (RelWithDebInfo, frame pointers)"
    cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DFIRECOUNT_BUILD_TESTS=OFF -DFIRECOUNT_BUILD_BENCH=OFF >"$log" 2>&1 \
      || { tail -20 "$log"; perf_die "configuring $build failed (full log: $log)"; }
  fi
  echo "building $build/firecount"
  cmake --build "$build" -j2 --target firecount >>"$log" 2>&1 \
    || { tail -20 "$log"; perf_die "building $build failed (full log: $log)"; }
}

# Generates out/input-seed1-N.ndjson with `firecount gen` unless it is newer than the binary.
perf_input() {
  input="$out/input-seed1-$tweets.ndjson"
  if [ ! -s "$input" ] || [ "$build/firecount" -nt "$input" ]; then
    echo "generating $tweets tweets into $input"
    "$build/firecount" gen --tweets "$tweets" --seed 1 >"$input.part" \
      || perf_die "'$build/firecount gen' failed"
    mv "$input.part" "$input"
  fi
}

# Sets cmd (an array): the command to profile.
perf_workload() {
  if [ ${#custom[@]} -gt 0 ]; then
    cmd=()
    local arg
    for arg in "${custom[@]}"; do
      if [[ "$arg" == *@INPUT@* ]]; then
        [ -n "${input:-}" ] || perf_input
        arg="${arg//@INPUT@/$input}"
      fi
      cmd+=("$arg")
    done
  elif [ "$workload" = bench ]; then
    cmd=("$build/firecount" bench --threads "$threads" --repeat 1 --tweets "$tweets")
  else
    perf_input
    cmd=("$build/firecount" --source "file:$input" --once --output json --threads "$threads")
  fi
  echo "workload: ${cmd[*]}"
}
