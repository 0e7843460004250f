#!/usr/bin/env bash
# Builds GhostLens into build/ with two jobs: the app, the CLI, the tests and the benchmark
# program (bench/, which scripts/bench-smoke.sh runs), in the one
# configuration that run.sh, test.sh and package.sh share, so that the second of them only
# builds what changed. Warnings are errors where CI is set (CI's compiler is the one we answer
# for; a user's newer compiler may warn where ours does not). Extra arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
werror=OFF
[ -n "${CI:-}" ] && werror=ON
settings=(-DGHOSTLENS_BUILD_TESTS=ON -DGHOSTLENS_BUILD_BENCH=ON -DGHOSTLENS_WERROR=$werror)
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${settings[@]}" "$@"
elif [ $# -gt 0 ] || ! grep -qx "GHOSTLENS_WERROR:BOOL=$werror" build/CMakeCache.txt ||
  ! grep -qx "GHOSTLENS_BUILD_BENCH:BOOL=ON" build/CMakeCache.txt; then
  cmake -S . -B build "${settings[@]}" "$@"
fi
cmake --build build -j 2
