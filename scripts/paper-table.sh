#!/usr/bin/env bash
# Prints the README's params/MACs table: every row counted by `ghostlens-cli stats --json`,
# next to the paper's value (Han et al. 2020). Needs a build (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
cli=build/app/ghostlens-cli
rows=(
  # label | cli flags | paper params | paper MACs
  "GhostNet 0.5x|--model ghostnet --width 0.5|2.6M|42M"
  "GhostNet 1.0x|--model ghostnet|5.2M|141M"
  "GhostNet 1.3x|--model ghostnet --width 1.3|7.3M|226M"
  "VGG-16 (CIFAR)|--model vgg16 --ratio 1|15M|313M"
  "Ghost-VGG-16 s=2 d=3|--model vgg16 --ratio 2 --dw 3|7.7M|158M"
  "Ghost-VGG-16 s=3 d=3|--model vgg16 --ratio 3 --dw 3|5.2M|107M"
  "Ghost-VGG-16 s=4 d=3|--model vgg16 --ratio 4 --dw 3|4.0M|80M"
  "Ghost-VGG-16 s=5 d=3|--model vgg16 --ratio 5 --dw 3|3.3M|65M"
  "Ghost-VGG-16 s=2 d=1|--model vgg16 --ratio 2 --dw 1|7.6M|157M"
  "Ghost-VGG-16 s=2 d=5|--model vgg16 --ratio 2 --dw 5|7.7M|160M"
  "Ghost-VGG-16 s=2 d=7|--model vgg16 --ratio 2 --dw 7|7.7M|163M"
  "ResNet-56 (CIFAR)|--model resnet56 --ratio 1|0.85M|125M"
  "Ghost-ResNet-56 s=2|--model resnet56 --ratio 2|0.43M|63M"
  "ResNet-50|--model resnet50 --ratio 1|25.6M|4.1G"
  "Ghost-ResNet-50 s=2|--model resnet50 --ratio 2|13.0M|2.2G"
  "Ghost-ResNet-50 s=4|--model resnet50 --ratio 4|6.5M|1.2G"
)
echo "| model | command | params (ours) | params (paper) | diff | MACs (ours) | MACs (paper) | diff |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for row in "${rows[@]}"; do
  IFS='|' read -r label flags paperParams paperMacs <<<"$row"
  # shellcheck disable=SC2086
  "$cli" stats $flags --json | /usr/bin/python3 -c '
import json, sys
label, flags, pp, pm = sys.argv[1:5]
r = json.load(sys.stdin)
def value(text):
    return float(text[:-1]) * {"K": 1e3, "M": 1e6, "G": 1e9}[text[-1]]
def human(n):
    return f"{n/1e9:.3f}G" if n >= 1e9 else f"{n/1e6:.3f}M"
def diff(ours, paper):
    return f"{(ours / value(paper) - 1) * 100:+.1f}%"
params, macs = r["params"], r["macs"]
print(f"| {label} | `stats {flags}` | {human(params)} | {pp} | {diff(params, pp)} "
      f"| {human(macs)} | {pm} | {diff(macs, pm)} |")
' "$label" "$flags" "$paperParams" "$paperMacs"
done
