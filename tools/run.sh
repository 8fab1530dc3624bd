#!/usr/bin/env bash
# Quick start: installs what is missing, builds (Release) and runs firecount with the given
# arguments; with none, the built-in default: the synthetic firehose, top 30 every 2 s, 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install_deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target firecount
exec ./build/firecount "$@"
