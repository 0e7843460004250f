#!/usr/bin/env bash
# Makes everything GhostLens ships that comes from training, with our own code:
#   resources/models/vgg16_w0.25_vanilla.pt   the trained vanilla VGG-16 (weights only)
#   resources/models/vgg16_w0.25_s2_d3.pt     the trained Ghost-VGG-16, s = 2, d = 3
#   resources/sweep/fashion_mnist_vgg16.json  every run of the sweep (ghostlens-cli runs --json)
# The sweep: VGG-16 width 0.25 on Fashion-MNIST (1x28x28, all 60,000 training images, augmented),
# 8 epochs per run, batch 128, SGD lr 0.05 momentum 0.9 weight decay 5e-4, 1 warm-up epoch then
# cosine, seed 0: the vanilla model, s = 2..5 at d = 3 and d = 1, 5, 7 at s = 2 (8 runs).
# Two single-threaded processes share the runs (on 2 cores that is faster than one process with
# 2 threads); the final `sweep` call finds every run finished and only checks. Interrupted? Run
# the script again: finished runs are skipped and interrupted ones resume from their checkpoints.
# Usage: bash scripts/train-defaults.sh      (work files go to build/train-defaults/)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
cli=build/app/ghostlens-cli
work=build/train-defaults
mkdir -p "$work" resources/models resources/sweep
sweep() {
  OMP_NUM_THREADS=$1 "$cli" --threads "$1" sweep --model vgg16 --width 0.25 --epochs 8 \
    --ratios "$2" --dws "$3" --seed 0 --checkpoint-dir "$work/checkpoints" \
    --store "$work/sweep.sqlite"
}
sweep 1 1,3,5 1 >"$work/half-a.log" 2>&1 &
half_a=$!
sweep 1 2,4 5,7 >"$work/half-b.log" 2>&1 &
half_b=$!
wait "$half_a"
wait "$half_b"
sweep 2 1,2,3,4,5 1,3,5,7
"$cli" runs --json --store "$work/sweep.sqlite" >resources/sweep/fashion_mnist_vgg16.json.tmp
mv resources/sweep/fashion_mnist_vgg16.json.tmp resources/sweep/fashion_mnist_vgg16.json
for pair in "s1_d3 vanilla" "s2_d3 s2_d3"; do
  set -- $pair
  "$cli" export-weights --weights "$work/checkpoints/vgg16_w0.25_$1_1x28x28_e8_seed0.ckpt" \
    --output "resources/models/vgg16_w0.25_$2.pt"
done
"$cli" runs --store "$work/sweep.sqlite"
bash scripts/sweep-table.sh
