#!/usr/bin/env bash
# Builds the Debian package of GhostLens from the shared build (scripts/build.sh): the two
# programs stripped, resources under /usr/share/ghostlens, the desktop entry, icons and
# AppStream metainfo. Depends come from dpkg-shlibdeps on the binaries. Prints the package's
# path as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh >/dev/null
rm -f build/ghostlens_*.deb
(cd build && cpack -G DEB >/dev/null)
deb=$(ls "$PWD"/build/ghostlens_*.deb)
dpkg-deb --field "$deb" Package Version Installed-Size Depends Recommends >&2
echo "$deb"
