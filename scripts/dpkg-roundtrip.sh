#!/usr/bin/env bash
# Installs the package system-wide with dpkg -i, runs the installed ghostlens-cli from
# /usr/bin, removes the package with dpkg -r, and checks that none of its files is left.
# Needs root. Takes a built package, or builds one (scripts/package.sh). The README shows its
# output.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "dpkg-roundtrip: run as root (dpkg -i and -r)" >&2; exit 1; }
if [ $# -gt 0 ]; then
  deb=$1
else
  deb=$(bash scripts/package.sh | tail -n 1)
fi
echo "\$ dpkg -i $(basename "$deb")"
dpkg -i "$deb"
files=$(mktemp)
dpkg -L ghostlens >"$files"
echo "installed: $(wc -l <"$files") paths, $(du -sh /usr/share/ghostlens | cut -f1) in /usr/share/ghostlens"
echo "\$ $(command -v ghostlens-cli) stats --model ghostnet | tail -n 1"
(cd / && ghostlens-cli stats --model ghostnet | tail -n 1)
echo "\$ dpkg -r ghostlens"
dpkg -r ghostlens
left=0
while read -r path; do
  # Folders such as /usr/bin belong to other packages too; only the package's own files count.
  if [ -e "$path" ] && { [ ! -d "$path" ] || [[ "$path" == */ghostlens ]]; }; then
    echo "left behind: $path"
    left=$((left + 1))
  fi
done <"$files"
rm -f "$files"
dpkg -s ghostlens >/dev/null 2>&1 && { echo "dpkg still lists ghostlens"; left=$((left + 1)); }
echo "after dpkg -r: $left of the package's paths left"
[ "$left" -eq 0 ]
