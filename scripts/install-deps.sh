#!/usr/bin/env bash
# Installs the Debian 12 packages GhostLens needs, and only when one is missing (quick otherwise).
# Arguments name more packages to install the same way; --list prints the list and installs
# nothing (scripts/check-install-paths.py reads it).
set -euo pipefail

# libopenblas0-openmp: Debian's LibTorch calls the system BLAS; without OpenBLAS that is the
# reference BLAS, 10 to 25x slower on the analysis's matrix products.
# python3-torch and python3-torchvision write the weight files the import tests read (at test
# time); python3-skimage ships the real photos (chelsea.png, coffee.png) tests and docs use.
# desktop-file-utils and appstream validate the desktop entry and metainfo we install.
# opencv-doc ships real photos of other sizes (HappyFish.jpg) the predict tests read; time is
# /usr/bin/time, which bench/ scripts call and a minimal Debian root lacks.
packages=(
  build-essential cmake ninja-build ccache pkg-config clang-format
  libtorch-dev libopenblas0-openmp libopencv-dev nlohmann-json3-dev libcli11-dev libxtensor-dev zlib1g-dev libsqlite3-dev
  qt6-base-dev libqt6opengl6-dev libgl-dev libqcustomplot-dev libqcustomplot2.1-qt6
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  dataset-fashion-mnist python3-torch python3-torchvision python3-skimage opencv-doc
  xvfb xauth time
  desktop-file-utils appstream
)
if [ "${1:-}" = --list ]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi
# Extra packages a script needs beyond these (fuzz.sh: clang and libFuzzer).
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
