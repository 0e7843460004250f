#!/usr/bin/env bash
# Renders the PNG icon (window icon and the icon theme's 256x256 entry) from
# resources/icons/ghostlens.svg. Run after editing the SVG; the PNG is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh librsvg2-bin
rsvg-convert -w 256 -h 256 resources/icons/ghostlens.svg -o resources/icons/ghostlens-256.png
ls -l resources/icons/ghostlens-256.png
