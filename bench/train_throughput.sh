#!/usr/bin/env bash
# Training throughput (images/s) of the same small VGG-16 (width 0.25, s = 2, d = 3, batch 128,
# 12,800 Fashion-MNIST images, augmentation on) in GhostLens and in Python PyTorch (Debian's
# python3-torch, the same LibTorch), one after the other in one run. Needs a build.
# Usage: bash bench/train_throughput.sh [threads]
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cpp=$(build/app/ghostlens-cli --threads "$threads" train --width 0.25 --ratio 2 --dw 3 --epochs 1 \
  --batch 128 --train-subset 12800 --test-subset 100 --store "$scratch/runs.sqlite" 2>&1 |
  sed -n 's/^epoch 1\/1: .*, \([0-9]*\) images\/s$/\1/p')
echo "ghostlens: $cpp images/s (12800 images, $threads threads)"
py_line=$(/usr/bin/python3 bench/python/train_throughput.py --threads "$threads" --subset 12800 --batch 128)
echo "$py_line"
py=$(echo "$py_line" | sed -n 's/^python: \([0-9]*\) images\/s.*/\1/p')
/usr/bin/python3 -c "print(f'ghostlens / python = {$cpp / $py:.2f}x')"
