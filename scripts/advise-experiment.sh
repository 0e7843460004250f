#!/usr/bin/env bash
# The advisor's experiment (issue 15), with our own code:
#   resources/plans/vgg16_w0.25_advised_s3.json   advised plan at the MACs of uniform s = 3
#   resources/plans/vgg16_w0.25_advised_s4.json   advised plan at the MACs of uniform s = 4
#   resources/sweep/advised_vgg16.json            every run (ghostlens-cli runs --json)
# The plans come from `advise` on the shipped vanilla VGG-16 (width 0.25) over the first 64
# Fashion-MNIST test images, with a MACs budget equal to the uniform model's count. Each plan and
# the uniform s = 3 and s = 4 models (d = 3) are trained exactly like the shipped sweep
# (scripts/train-defaults.sh: 8 epochs, all 60,000 images, batch 128, SGD lr 0.05, momentum 0.9,
# weight decay 5e-4, 1 warm-up epoch then cosine), with seeds 0 and 1: 8 runs, shared by two
# single-threaded processes. The CLI is copied to the work folder first, so that rebuilding
# meanwhile changes nothing. Interrupted? Run it again: finished runs are skipped and interrupted
# ones resume from their checkpoints.
# Usage: bash scripts/advise-experiment.sh      (work files go to build/advise-experiment/)
set -euo pipefail
cd "$(dirname "$0")/.."
work=build/advise-experiment
mkdir -p "$work/checkpoints" resources/plans resources/sweep
if [[ ! -x "$work/ghostlens-cli" ]]; then
  bash scripts/build.sh >/dev/null
  cp build/app/ghostlens-cli "$work/ghostlens-cli"
fi
cli=$work/ghostlens-cli
vanilla=resources/models/vgg16_w0.25_vanilla.pt
for s in 3 4; do
  budget=$("$cli" stats --model vgg16 --width 0.25 --input 1,28,28 --classes 10 --ratio "$s" \
    --dw 3 --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["macs"])')
  plan=resources/plans/vgg16_w0.25_advised_s$s.json
  [[ -f "$plan" ]] || "$cli" --threads 2 advise --weights "$vanilla" --images 64 \
    --budget-macs "$budget" --name "advised@s=$s" --json "$plan"
done
train() {  # one "what seed" per run; what: u3/u4 uniform s, a3/a4 the advised plans
  for run in "$@"; do
    set -- $run
    local what=$1 seed=$2 flags name=$1_seed$2
    [[ -f "$work/$name.done" ]] && continue
    if [[ $what == u* ]]; then
      flags="--model vgg16 --width 0.25 --ratio ${what#u} --dw 3"
    else
      flags="--plan resources/plans/vgg16_w0.25_advised_s${what#a}.json"
    fi
    OMP_NUM_THREADS=1 "$cli" --threads 1 train $flags --epochs 8 --seed "$seed" \
      --checkpoint "$work/checkpoints/$name.ckpt" --store "$work/runs.sqlite"
    touch "$work/$name.done"
  done
}
train "u3 0" "a3 0" "u4 0" "a4 0" >"$work/half-a.log" 2>&1 &
half_a=$!
train "u3 1" "a3 1" "u4 1" "a4 1" >"$work/half-b.log" 2>&1 &
half_b=$!
wait "$half_a"
wait "$half_b"
"$cli" runs --json --store "$work/runs.sqlite" >resources/sweep/advised_vgg16.json.tmp
mv resources/sweep/advised_vgg16.json.tmp resources/sweep/advised_vgg16.json
"$cli" runs --store "$work/runs.sqlite"
