#!/usr/bin/env bash
# bench/compare's two-core parse-only peer: runs PARSE_ONLY --part 0/2 and --part 1/2 on FILE at
# the same time (one process per core) and prints their combined result as one JSON line
# (tweets, other, errors and text_bytes summed; seconds: the wall time of the pair, which
# bench/compare measures itself too). Exit status: 1 if either half failed.
# Usage: parse_only_pair.sh PARSE_ONLY FILE
set -uo pipefail
[ $# -eq 2 ] || { echo "usage: $0 PARSE_ONLY FILE" >&2; exit 2; }
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
start="$(date +%s.%N)"
"$1" --part 0/2 "$2" >"$dir/0" &
first=$!
"$1" --part 1/2 "$2" >"$dir/1"
second=$?
wait "$first"
first=$?
end="$(date +%s.%N)"
[ "$first" -eq 0 ] && [ "$second" -eq 0 ] || exit 1
python3 - "$dir/0" "$dir/1" "$start" "$end" <<'PY'
import json, sys
halves = [json.load(open(path)) for path in sys.argv[1:3]]
combined = {key: halves[0][key] + halves[1][key] for key in ("tweets", "other", "errors", "text_bytes")}
combined["seconds"] = float(sys.argv[4]) - float(sys.argv[3])
combined["simdjson"] = halves[0]["simdjson"]
print(json.dumps(combined))
PY
