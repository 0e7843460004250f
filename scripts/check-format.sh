#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what .clang-format (Debian 12's clang-format 14)
# makes of it, and names the files. `clang-format -i FILE` applies the format.
set -euo pipefail
cd "$(dirname "$0")/.."
# The source folders, found without git (a fresh root has none; scripts/fresh-root.sh).
mapfile -t files < <(find app core ui tests bench fuzz \( -name '*.cpp' -o -name '*.h' \) -type f | sort)
[ ${#files[@]} -gt 100 ] || { echo "check-format: only ${#files[@]} C++ files found" >&2; exit 1; }
unformatted=()
for f in "${files[@]}"; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then unformatted+=("$f"); fi
done
if [ ${#unformatted[@]} -gt 0 ]; then
  printf 'Not formatted per .clang-format: %s\n' "${unformatted[@]}" >&2
  exit 1
fi
echo "clang-format: ${#files[@]} files formatted"
