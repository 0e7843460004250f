#!/usr/bin/env bash
# Core and its two test programs (core and import: every file reader, the hostile files, the
# models, analysis, training, the store) built with AddressSanitizer and UndefinedBehaviorSanitizer
# (gcc) into build-sanitize/, and run with every report fatal. Left out, to keep CI under its
# 45 minutes on a slow day: the GUI (Qt is not built with the sanitizers) and the CLI, whose tests
# drive the same core functions through a process and spend their time in LibTorch's kernels,
# which are not instrumented; -O1 keeps the instrumented build quicker than -O2 would. Extra
# arguments go to CTest, e.g. `bash scripts/sanitize.sh -R Safetensors`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
sanitizers="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
if [ ! -f build-sanitize/build.ninja ]; then
  cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
    -DGHOSTLENS_BUILD_GUI=OFF -DGHOSTLENS_BUILD_TESTS=ON \
    -DCMAKE_CXX_FLAGS="$sanitizers" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
fi
cmake --build build-sanitize -j 2 --target ghostlens_core_tests ghostlens_import_tests
# LibTorch itself is not instrumented; what it allocates for us is still checked through malloc.
export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_odr_violation=0:suppressions=$PWD/scripts/lsan.supp
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
cd build-sanitize
# The CLI's test programs are not built; their placeholders (NAME_NOT_BUILT) have no label.
ctest --output-on-failure -j 2 -L 'core|import' "$@"
