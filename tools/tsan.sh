#!/usr/bin/env bash
# Builds the test suite with ThreadSanitizer (build-tsan/) and runs the tests that exercise
# threads: the reader, the engine's barrier and folds (engine, socket and end-to-end runs of the
# TSan-built binary) and the live sources with their TLS test server. Not part of CI (the TSan
# build of Beast is slow on 2 cores); run it after touching io/engine, io/reader, io/*source* or
# core/word_table.
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install_deps.sh
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFIRECOUNT_SANITIZE=thread \
  -DFIRECOUNT_BUILD_BENCH=OFF >/dev/null
cmake --build build-tsan -j"$(nproc)"
cd build-tsan
TSAN_OPTIONS="halt_on_error=1 exitcode=66" ./tests/firecount_tests \
  --gtest_filter='Engine*:Reader*:Socket*:E2e*:LiveE2e*:*Jetstream*:*Mastodon*:*Twitter*:XStream*:LineQueue*'
