#!/usr/bin/env bash
# The whole test suite: install what is missing, check the format, build (the build run.sh
# makes, so after it only what changed), run CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/check-format.sh
bash scripts/build.sh
cd build
ctest --output-on-failure -j 2 "$@"
