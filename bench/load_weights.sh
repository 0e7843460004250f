#!/usr/bin/env bash
# Reading a 100 MB ResNet-50 weights file (torchvision's resnet50(), random weights, written by
# Debian's python3-torch as zip and as legacy file): GhostLens's reader (readWeightsFile) against
# Python's torch.load on the same file, and the whole import (spec inferred, model built, weights
# copied) against torchvision's resnet50() plus load_state_dict. Needs a build with
# -DGHOSTLENS_BUILD_BENCH=ON.
#
# The machine's speed drifts, so the two alternate (C++ first in odd rounds, Python first in even
# ones), each round timing the median of 5 loads on each side, and the median of the rounds'
# ratios is reported. The file is read once before the rounds, so both sides read it from the
# page cache.
# Usage: bash bench/load_weights.sh [--smoke] [threads] [rounds]
#   --smoke: one round of two loads each (Google Benchmark reports a median only from two)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
parse_smoke "$@"
set -- "${args[@]}"
threads=${1:-2}
rounds=${2:-5}
loads=5
if $smoke; then
  rounds=1
  loads=2
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
bench=build/bench/ghostlens_bench
[ -x "$bench" ] || { echo "build with -DGHOSTLENS_BUILD_BENCH=ON first" >&2; exit 1; }

/usr/bin/python3 - "$scratch" <<'PY'
import sys, torch, torchvision
state = torchvision.models.resnet50().state_dict()
torch.save(state, f"{sys.argv[1]}/resnet50_zip.pth")
torch.save(state, f"{sys.argv[1]}/resnet50_legacy.pth", _use_new_zipfile_serialization=False)
PY

run_cpp() {  # benchmark name, file: median ms of $loads
  GHOSTLENS_WEIGHTS="$2" "$bench" --benchmark_filter="$1/$threads\$" --benchmark_repetitions="$loads" \
    --benchmark_report_aggregates_only=true --benchmark_format=csv 2>/dev/null |
    awk -F, '/_median"?,/ {print $3}'
}
run_py() {  # extra flag, file
  /usr/bin/python3 bench/python/load_time.py "$2" --threads "$threads" --repeat "$loads" $1 |
    sed -n 's/^python: \([0-9.]*\) ms.*/\1/p'
}

compare() {  # label, C++ benchmark, python flag, file
  local ratios=() cpp py
  cat "$4" > /dev/null
  for ((r = 1; r <= rounds; ++r)); do
    if ((r % 2)); then cpp=$(run_cpp "$2" "$4"); py=$(run_py "$3" "$4");
    else py=$(run_py "$3" "$4"); cpp=$(run_cpp "$2" "$4"); fi
    need_number "$2" "$cpp"
    need_number "bench/python/load_time.py $3" "$py"
    ratios+=("$(/usr/bin/python3 -c "print(f'{$cpp / $py:.2f}')")")
    printf '  round %d: ghostlens %.1f ms, python %.1f ms, ratio %sx\n' "$r" "$cpp" "$py" "${ratios[-1]}"
  done
  echo "$1: ghostlens / python = $(median "${ratios[@]}")x (median of $rounds rounds)"
}

size=$(du -m "$scratch/resnet50_zip.pth" | cut -f1)
echo "ResNet-50 weights, ${size} MB; $threads threads; torch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')"
for format in zip legacy; do
  compare "read, $format (readWeightsFile vs torch.load)" BM_ReadWeightsFile "" \
    "$scratch/resnet50_$format.pth"
  compare "import, $format (importWeights vs resnet50() + load_state_dict)" BM_ImportWeights \
    --model "$scratch/resnet50_$format.pth"
done
