#!/usr/bin/env bash
# The whole test suite: install what is missing, check that every file outside the tree the
# tests, benchmarks and scripts read comes from an installed package, check the format, build
# (the build run.sh makes, so after it only what changed), run CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
/usr/bin/python3 scripts/check-install-paths.py
bash scripts/check-format.sh
bash scripts/build.sh
cd build
ctest --output-on-failure -j 2 "$@"
