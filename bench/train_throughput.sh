#!/usr/bin/env bash
# Training throughput (images/s) of the same small VGG-16 (width 0.25, s = 2, d = 3, batch 128,
# 12,800 Fashion-MNIST images, augmentation on) in GhostLens and in Python PyTorch (Debian's
# python3-torch, the same LibTorch). Needs a build.
#
# The speed of these shared 2-vCPU machines drifts by up to 2x over minutes, so one C++ run
# followed by one Python run measures the drift as much as the code. The script therefore
# alternates the two (C++ first in odd rounds, Python first in even ones), prints every pair's
# ratio, and reports the median ratio.
# Usage: bash bench/train_throughput.sh [--smoke] [threads] [rounds]
#   --smoke: one round on 512 images (CI checks that the figure is printed)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
parse_smoke "$@"
set -- "${args[@]}"
threads=${1:-2}
rounds=${2:-5}
images=12800
if $smoke; then
  rounds=1
  images=512
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

run_cpp() {
  rm -f "$scratch"/runs.sqlite*
  # train's last line: "test accuracy ... after 1 epochs (run 1, finished); 9.9 s, 1234 images/s"
  build/app/ghostlens-cli train --threads "$threads" --quiet --width 0.25 --ratio 2 --dw 3 \
    --epochs 1 --batch 128 --train-subset "$images" --test-subset 100 \
    --store "$scratch/runs.sqlite" | sed -n 's/^test accuracy .*, \([0-9]*\) images\/s$/\1/p'
}
run_py() {
  /usr/bin/python3 bench/python/train_throughput.py --threads "$threads" --subset "$images" \
    --batch 128 | sed -n 's/^python: \([0-9]*\) images\/s.*/\1/p'
}

ratios=()
for ((r = 1; r <= rounds; ++r)); do
  if ((r % 2)); then cpp=$(run_cpp); py=$(run_py); else py=$(run_py); cpp=$(run_cpp); fi
  need_number "ghostlens-cli train" "$cpp"
  need_number "bench/python/train_throughput.py" "$py"
  ratio=$(/usr/bin/python3 -c "print(f'{$cpp / $py:.2f}')")
  ratios+=("$ratio")
  echo "round $r: ghostlens $cpp images/s, python $py images/s, ratio ${ratio}x"
done
torch_version=$(/usr/bin/python3 -c 'import torch; print(torch.__version__)')
echo "ghostlens / python = $(median "${ratios[@]}")x (median of $rounds rounds; $threads threads;" \
  "$images images, batch 128; torch $torch_version)"
