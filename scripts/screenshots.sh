#!/usr/bin/env bash
# Renders the README's screenshots with the application itself (offscreen, no display needed):
# the explorer and each analysis view, into docs/. The training screenshot trains a short run
# (3 epochs on 6,000 Fashion-MNIST images) into a throw-away store, not the user's. The paper's
# Figure 1 situation uses a torchvision ResNet-50 with random weights that python3-torchvision
# writes here (no download), on scikit-image's chelsea.png.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
export QT_QPA_PLATFORM=offscreen
app=build/app/ghostlens
store=$(mktemp -d)/runs.sqlite
trap 'rm -rf "$(dirname "$store")"' EXIT
"$app" --screenshot docs/explorer.png --fmnist 0 --layer features.3 --metric cheapfit --threshold 0.8
weights=$(dirname "$store")/resnet50.pth
/usr/bin/python3 -c "import sys, torch, torchvision; torch.manual_seed(0);
torch.save(torchvision.models.resnet50().state_dict(), sys.argv[1])" "$weights"
"$app" --screenshot docs/figure1-resnet50.png --weights "$weights" --layer layer1 \
  --image /usr/lib/python3/dist-packages/skimage/data/chelsea.png --threshold 0.9
for tab in depth ablation analytic cka; do
  "$app" --screenshot "docs/$tab-view.png" --tab "$tab" --store "$store"
done
# The depth view over a batch (means over 64 test images), and the advisor's plan at the MACs of
# s = 3, for the shipped vanilla model.
"$app" --screenshot docs/depth-view-batch.png --tab depth --depth-images 64 --store "$store"
"$app" --screenshot docs/advisor-view.png --tab advisor --advise-ratio 3 --store "$store"
"$app" --screenshot docs/training-dialog.png --tab training --store "$store" \
  --train-epochs 3 --train-images 6000
ls -l docs/*.png
