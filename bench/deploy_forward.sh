#!/usr/bin/env bash
# GhostNet 1.0x, 224x224, batch 1: GhostLens's deploy-mode forward against PyTorch in Python
# (Debian's python3-torch: the same LibTorch and OpenBLAS), eager under torch.no_grad() and
# torch.jit.freeze(torch.jit.trace(...)), at the same thread count. Needs a build.
#
# The machine's speed drifts by up to 2x within minutes, so the three are alternated in every
# round (the order rotating) and the script reports the median of the per-round ratios. Each
# figure is itself the median of `repeat` forward passes.
# Usage: bash bench/deploy_forward.sh [--smoke] [threads] [rounds] [repeat]
#   --smoke: one round of 2 passes each
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
parse_smoke "$@"
set -- "${args[@]}"
threads=${1:-1}
rounds=${2:-7}
repeat=${3:-50}
if $smoke; then
  rounds=1
  repeat=2
fi

run_cpp() {
  build/app/ghostlens-cli --threads "$threads" profile --model ghostnet --deploy \
    --repeat "$repeat" --json - |
    /usr/bin/python3 -c 'import json, sys; print("%.3f" % json.load(sys.stdin)["forward_ms"]["median"])'
}
run_py() {
  /usr/bin/python3 bench/python/ghostnet_forward.py --threads "$threads" --repeat "$repeat" \
    --mode "$1" | sed -n 's/^python [a-z]*: \([0-9.]*\) ms.*/\1/p'
}

eager_ratios=()
jit_ratios=()
cpp_times=()
for ((r = 1; r <= rounds; ++r)); do
  case $((r % 3)) in
    1) cpp=$(run_cpp); eager=$(run_py eager); jit=$(run_py jit) ;;
    2) eager=$(run_py eager); jit=$(run_py jit); cpp=$(run_cpp) ;;
    0) jit=$(run_py jit); cpp=$(run_cpp); eager=$(run_py eager) ;;
  esac
  need_number "ghostlens-cli profile --deploy" "$cpp"
  need_number "python eager" "$eager"
  need_number "python jit" "$jit"
  eager_ratio=$(/usr/bin/python3 -c "print(f'{$cpp / $eager:.3f}')")
  jit_ratio=$(/usr/bin/python3 -c "print(f'{$cpp / $jit:.3f}')")
  eager_ratios+=("$eager_ratio")
  jit_ratios+=("$jit_ratio")
  cpp_times+=("$cpp")
  echo "round $r: ghostlens deploy $cpp ms, python eager $eager ms, jit $jit ms;" \
    "ratios ${eager_ratio}x, ${jit_ratio}x"
done
torch_version=$(/usr/bin/python3 -c 'import torch; print(torch.__version__)')
echo "ghostlens deploy / python eager = $(median "${eager_ratios[@]}")x," \
  "/ python jit.freeze(trace) = $(median "${jit_ratios[@]}")x" \
  "(medians of $rounds rounds; $threads threads; GhostNet 1.0x 224x224 batch 1; torch $torch_version)"
echo "ghostlens deploy median forward: $(median "${cpp_times[@]}") ms"
