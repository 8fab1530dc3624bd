#!/usr/bin/env bash
# Builds everything (Release) and runs the whole test suite with ctest. Installs missing
# packages first. Exit status is ctest's.
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install_deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
cd build
ctest --output-on-failure -j"$(nproc)" --timeout 600
