#!/usr/bin/env bash
# scripts/check-install-paths.py passes with the install list as it is, and fails naming the
# path, the file that reads it and the package when a package a test needs is taken out of it.
set -uo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "FAIL: $*" >&2; exit 1; }
/usr/bin/python3 scripts/check-install-paths.py || fail "the check fails with the full list"
for case in "opencv-doc|/usr/share/doc/opencv-doc/examples/data/HappyFish.jpg (tests/cli/import/import_cli_test.cpp:" \
            "python3-skimage|/usr/lib/python3/dist-packages/skimage/data/chelsea.png (" \
            "time|/usr/bin/time (bench/cli_timing.sh:"; do
  package=${case%%|*}
  expected=${case#*|}
  out=$(/usr/bin/python3 scripts/check-install-paths.py --without "$package" 2>&1)
  status=$?
  echo "$out"
  [ "$status" -ne 0 ] || fail "passed without $package"
  grep -qF "$expected" <<<"$out" || fail "without $package, does not name: $expected"
  grep -qF "from $package," <<<"$out" || fail "without $package, does not name the package"
done
echo "check-install-paths: passes with the list, and names the path and package without each of 3"
