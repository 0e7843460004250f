#!/usr/bin/env bash
# The core, import and CLI tests built with AddressSanitizer and UndefinedBehaviorSanitizer (gcc)
# into build-sanitize/, and run with every report fatal. The GUI and its tests are left out (Qt is
# not built with the sanitizers, and they exercise the same core), and so are the two tests that
# compare measured times, which the instrumentation distorts (a label cannot be used: a list of
# labels does not survive gtest_discover_tests). Extra arguments go to CTest, e.g.
# `bash scripts/sanitize.sh -L import`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
sanitizers="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
if [ ! -f build-sanitize/build.ninja ]; then
  cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DGHOSTLENS_BUILD_GUI=OFF -DGHOSTLENS_BUILD_TESTS=ON \
    -DCMAKE_CXX_FLAGS="$sanitizers" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
fi
cmake --build build-sanitize -j 2
# LibTorch itself is not instrumented; what it allocates for us is still checked through malloc.
export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_odr_violation=0:suppressions=$PWD/scripts/lsan.supp
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
cd build-sanitize
ctest --output-on-failure -j 2 \
  -E 'ProfileCli\.JsonHasTheDocumentedFieldsAndTheRowsAddUp|AdviseCli\.SixtyFourImages' "$@"
