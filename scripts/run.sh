#!/usr/bin/env bash
# The main job: install what is missing, build, and open the GhostLens window.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo
  echo "No display here (DISPLAY and WAYLAND_DISPLAY are unset), so the GhostLens window cannot open."
  echo "The command-line tool works without one, for example:"
  echo "  build/app/ghostlens-cli stats --model ghostnet"
  echo "  build/app/ghostlens-cli stats --model vgg16 --ratio 4 --json"
  echo "Or render the window off screen:"
  echo "  QT_QPA_PLATFORM=offscreen build/app/ghostlens --screenshot ghostlens.png"
  exit 0
fi
exec build/app/ghostlens "$@"
