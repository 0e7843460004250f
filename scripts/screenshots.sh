#!/usr/bin/env bash
# Renders the README's screenshots with the application itself (offscreen, no display needed):
# the explorer and each analysis view, into docs/. The training screenshot trains a short run
# (3 epochs on 6,000 Fashion-MNIST images) into a throw-away store, not the user's.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
export QT_QPA_PLATFORM=offscreen
app=build/app/ghostlens
store=$(mktemp -d)/runs.sqlite
trap 'rm -rf "$(dirname "$store")"' EXIT
"$app" --screenshot docs/explorer.png --fmnist 0 --layer features.3 --metric cheapfit --threshold 0.8
for tab in depth ablation analytic cka; do
  "$app" --screenshot "docs/$tab-view.png" --tab "$tab" --store "$store"
done
"$app" --screenshot docs/training-dialog.png --tab training --store "$store" \
  --train-epochs 3 --train-images 6000
ls -l docs/*.png
