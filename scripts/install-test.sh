#!/usr/bin/env bash
# Builds the package, unpacks it into a temporary root with dpkg -x, renames the source tree
# (and with it build/) so that nothing can be found there, and runs the unpacked programs:
# `ghostlens-cli stats`, `ghostlens-cli analyze` on the shipped pair, and the window's
# --screenshot off screen. Puts the tree back however it ends. CI runs it after the suite.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd -P)
deb=$(bash scripts/package.sh | tail -n 1)
root=$(mktemp -d)
dpkg -x "$deb" "$root"
moved="$src.moved-by-install-test"
if [ -e "$moved" ]; then
  echo "install-test: $moved exists (left by an earlier run?); move it back or away first" >&2
  exit 1
fi
hidden=()  # when the tree cannot be renamed: the two folders a binary could find files in
restore() {
  if [ -d "$moved" ]; then mv -T "$moved" "$src"; fi
  for dir in "${hidden[@]}"; do mv -T "$src/$dir.hidden-by-install-test" "$src/$dir"; done
  rm -rf "$root"
}
trap restore EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if ! mv -T "$src" "$moved" 2>/dev/null; then
  # A checkout that is a mount point cannot be renamed; hiding its resources/ and build/ (the
  # places a binary could find the shipped files in) tests the same.
  echo "install-test: cannot rename $src (a mount point?); renaming its resources/ and build/ instead"
  for dir in resources build; do
    mv -T "$src/$dir" "$src/$dir.hidden-by-install-test"
    hidden+=("$dir")
  done
fi
cd /
unset GHOSTLENS_RESOURCES
bin=$root/usr/bin
fail() {
  echo "install-test: $*" >&2
  exit 1
}

echo "== $bin/ghostlens-cli stats --model ghostnet"
"$bin/ghostlens-cli" --threads 2 stats --model ghostnet >"$root/stats.txt"
tail -n 1 "$root/stats.txt"
grep -q "^total: params 5,182,508" "$root/stats.txt" || fail "stats did not count GhostNet"

echo "== $bin/ghostlens-cli analyze (the shipped ghost model, Fashion-MNIST test image 0)"
"$bin/ghostlens-cli" --threads 2 analyze --json "$root/analyze.json" | tail -n 4
grep -qF "\"$root/usr/share/ghostlens/models/vgg16_w0.25_s2_d3.pt\"" "$root/analyze.json" ||
  fail "analyze did not read the installed shipped pair"

echo "== $bin/ghostlens --screenshot (offscreen)"
QT_QPA_PLATFORM=offscreen "$bin/ghostlens" --threads 2 --screenshot "$root/window.png"
[ "$(head -c 8 "$root/window.png" | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] ||
  fail "the screenshot is not a PNG"
echo "screenshot: $(stat -c %s "$root/window.png") bytes"
if [ ${#hidden[@]} -eq 0 ]; then
  echo "install-test: the unpacked package works with the source tree moved away"
else
  echo "install-test: the unpacked package works with the source tree's resources/ and build/ moved away"
fi
