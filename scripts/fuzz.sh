#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS: bash scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]
# TARGET is one of: weights npy activations checkpoint image idx store json (fuzz/*.cpp).
# Builds core and the targets with clang, -fsanitize=fuzzer-no-link,address,undefined, into
# build-fuzz/ (once; later runs build what changed). Seeds come from fuzz/make_seeds.py, the test
# fixtures and the shipped files; the corpus grows in build-fuzz/corpus/TARGET across runs, and a
# crashing input is written to build-fuzz/crashes/TARGET/. The last line sums the run up.
set -euo pipefail
# The whole script is read before it runs (the braces), so that editing it does not break a run.
{
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  echo "usage: bash scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2
case " weights npy activations checkpoint image idx store json " in
  *" $target "*) ;;
  *) echo "fuzz.sh: unknown target '$target'" >&2; exit 2 ;;
esac
bash scripts/install-deps.sh clang libclang-rt-14-dev python3-pil
root=$PWD
out=$root/build-fuzz
if [ ! -f "$out/build.ninja" ]; then
  cmake -S . -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DGHOSTLENS_BUILD_GUI=OFF -DGHOSTLENS_BUILD_TESTS=OFF \
    -DGHOSTLENS_BUILD_FUZZ=ON \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
fi
# The CLI (built the same way) writes the seed checkpoint and store once.
cli=()
[ -f "$out/seeds/.done" ] || cli=(ghostlens-cli)
cmake --build "$out" -j 2 --target "fuzz_$target" "${cli[@]}"

# Seeds, made once.
seeds=$out/seeds
if [ ! -f "$seeds/.done" ]; then
  rm -rf "$seeds"
  /usr/bin/python3 fuzz/make_seeds.py "$seeds"
  mkdir -p "$seeds"/{checkpoint,store,json,weights,npy,activations,image,idx}
  # A small real checkpoint and its store, written by GhostLens itself.
  tmp=$(mktemp -d)
  "$out/app/ghostlens-cli" train --model vgg16 --width 0.0625 --input 1,28,28 --epochs 1 \
    --train-subset 64 --test-subset 16 --batch 32 --checkpoint "$tmp/tiny.pt" \
    --store "$tmp/runs.sqlite" >/dev/null 2>&1
  "$out/app/ghostlens-cli" export-weights --weights "$tmp/tiny.pt" --output "$tmp/tiny_weights.pt" \
    >/dev/null 2>&1
  cp "$tmp/tiny.pt" "$tmp/tiny_weights.pt" "$seeds/checkpoint/"
  cp "$tmp/tiny_weights.pt" "$seeds/weights/"
  cp "$tmp/runs.sqlite" "$seeds/store/"
  "$out/app/ghostlens-cli" runs --store "$tmp/runs.sqlite" --json >"$seeds/json/runs.json"
  rm -rf "$tmp"
  cp resources/plans/*.json resources/paper/*.json resources/sweep/*.json "$seeds/json/"
  cp tests/data/*.pt "$seeds/weights/"
  cp tests/data/*.npy "$seeds/npy/"
  for f in tests/data/*.npy; do { printf '\1'; cat "$f"; } >"$seeds/activations/1$(basename "$f")"; done
  for f in tests/data/*.pt; do { printf '\0'; cat "$f"; } >"$seeds/activations/0$(basename "$f")"; done
  cp tests/data/corrupt.png "$seeds/image/"
  touch "$seeds/.done"
fi

corpus=$out/corpus/$target
crashes=$out/crashes/$target
mkdir -p "$corpus" "$crashes"
# Readers take paths: each input is written to RAM, not disk.
export TMPDIR=/dev/shm
export ASAN_OPTIONS=detect_odr_violation=0:detect_leaks=1:suppressions=$root/scripts/lsan.supp
export LSAN_OPTIONS=suppressions=$root/scripts/lsan.supp
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# One LibTorch thread: the targets read files, and two fuzzers may share the two cores.
export OMP_NUM_THREADS=1
log=$out/fuzz-$target.log
before=$(ls "$crashes" | wc -l)
started=$(date +%s)
set +e
"$out/fuzz/fuzz_$target" "$corpus" "$seeds/$target" -max_total_time="$seconds" \
  -max_len=600000 -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="$crashes/" "$@" 2>&1 | tee "$log" | grep -E "^#[0-9]+ +(INITED|DONE|pulse)|ERROR|SUMMARY|fuzz:" 
status=${PIPESTATUS[0]}
set -e
execs=$(grep -oE "stat::number_of_executed_units: *[0-9]+" "$log" | grep -oE "[0-9]+$" || echo 0)
echo "fuzz $target: $(($(date +%s) - started)) s, $execs executions, corpus $(ls "$corpus" | wc -l) files," \
  "$(($(ls "$crashes" | wc -l) - before)) new crash, leak or timeout inputs (exit $status; log $log)"
exit "$status"
}
