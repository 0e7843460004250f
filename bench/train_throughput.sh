#!/usr/bin/env bash
# Training throughput (images/s) of the same small VGG-16 (width 0.25, s = 2, d = 3, batch 128,
# 12,800 Fashion-MNIST images, augmentation on) in GhostLens and in Python PyTorch (Debian's
# python3-torch, the same LibTorch). Needs a build.
#
# The speed of these shared 2-vCPU machines drifts by up to 2x over minutes, so one C++ run
# followed by one Python run measures the drift as much as the code. The script therefore
# alternates the two (C++ first in odd rounds, Python first in even ones), prints every pair's
# ratio, and reports the median ratio.
# Usage: bash bench/train_throughput.sh [threads] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
threads=${1:-2}
rounds=${2:-5}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

run_cpp() {
  rm -f "$scratch"/runs.sqlite*
  build/app/ghostlens-cli --threads "$threads" train --width 0.25 --ratio 2 --dw 3 --epochs 1 \
    --batch 128 --train-subset 12800 --test-subset 100 --store "$scratch/runs.sqlite" 2>&1 |
    sed -n 's/^epoch 1\/1: .*, \([0-9]*\) images\/s$/\1/p'
}
run_py() {
  /usr/bin/python3 bench/python/train_throughput.py --threads "$threads" --subset 12800 \
    --batch 128 | sed -n 's/^python: \([0-9]*\) images\/s.*/\1/p'
}

ratios=()
for ((r = 1; r <= rounds; ++r)); do
  if ((r % 2)); then cpp=$(run_cpp); py=$(run_py); else py=$(run_py); cpp=$(run_cpp); fi
  ratio=$(/usr/bin/python3 -c "print(f'{$cpp / $py:.2f}')")
  ratios+=("$ratio")
  echo "round $r: ghostlens $cpp images/s, python $py images/s, ratio ${ratio}x"
done
torch_version=$(/usr/bin/python3 -c 'import torch; print(torch.__version__)')
echo "ghostlens / python = $(median "${ratios[@]}")x (median of $rounds rounds; $threads threads;" \
  "12800 images, batch 128; torch $torch_version)"
