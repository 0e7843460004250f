#!/usr/bin/env bash
# Measured speed-up of a model's ghost form over its vanilla form (issue 14: FLOPs are not
# latency), plain and deploy mode: `ghostlens-cli profile` of the two forms alternating in every
# round (order swapped each round), the median of the rounds' ratios vanilla / ghost (> 1: the
# ghost form is faster). The MACs ratio is printed for comparison. Needs a build.
# Usage: bash bench/ghost_vs_vanilla.sh [--smoke] [model] [threads] [rounds] [repeat]
#   --smoke: one round of 2 passes each
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
parse_smoke "$@"
set -- "${args[@]}"
model=${1:-ghostnet}
threads=${2:-2}
rounds=${3:-5}
repeat=${4:-20}
if $smoke; then
  rounds=1
  repeat=2
fi

forward_ms() {  # ratio [--deploy]
  build/app/ghostlens-cli --threads "$threads" profile --model "$model" --ratio "$1" ${2:-} \
    --repeat "$repeat" --json - |
    /usr/bin/python3 -c 'import json, sys; print("%.3f" % json.load(sys.stdin)["forward_ms"]["median"])'
}
macs() {
  build/app/ghostlens-cli stats --model "$model" --ratio "$1" --json |
    /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["macs"])'
}

echo "MACs: vanilla / ghost = $(/usr/bin/python3 -c "print(f'{$(macs 1) / $(macs 2):.2f}')")x"
for mode in "" --deploy; do
  ratios=()
  for ((r = 1; r <= rounds; ++r)); do
    if ((r % 2)); then v=$(forward_ms 1 $mode); g=$(forward_ms 2 $mode); else
      g=$(forward_ms 2 $mode); v=$(forward_ms 1 $mode); fi
    need_number "vanilla profile" "$v"
    need_number "ghost profile" "$g"
    ratios+=("$(/usr/bin/python3 -c "print(f'{$v / $g:.3f}')")")
    echo "${mode:-plain} round $r: vanilla $v ms, ghost $g ms"
  done
  echo "${mode:-plain}: measured speed-up vanilla / ghost = $(median "${ratios[@]}")x" \
    "(median of $rounds rounds; $model; $threads threads)"
done
