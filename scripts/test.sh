#!/usr/bin/env bash
# The whole test suite: install what is missing, check the format, build (warnings are errors),
# run CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/check-format.sh
bash scripts/build.sh -DGHOSTLENS_WERROR=ON -DGHOSTLENS_BUILD_TESTS=ON
cd build
ctest --output-on-failure -j 2 "$@"
