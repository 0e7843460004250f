#!/usr/bin/env bash
# The explorer's GUI timings (ghostlens --measure-timings) of two builds, e.g. before and after a
# change: the two binaries alternate (A first in odd rounds, B first in even ones) because these
# machines' speed drifts up to 2x within minutes, and the median B/A ratio of each figure is
# reported. Build A from an older commit with:
#   git worktree add /tmp/old <commit> && cmake -S /tmp/old -B /tmp/old/build -G Ninja \
#     -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGHOSTLENS_BUILD_TESTS=OFF && ninja -C /tmp/old/build ghostlens
# Usage: bash bench/gui_timings_ab.sh A/ghostlens B/ghostlens [rounds] -- <ghostlens flags>
#   e.g. ... -- --untrained resnet50 --layer layer1.0
#        bash bench/gui_timings_ab.sh --smoke: this build against itself, one round, the default
#        pair
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
parse_smoke "$@"
if $smoke; then
  set -- build/app/ghostlens build/app/ghostlens 1 --
else
  set -- "${args[@]}"
fi
a=$1
b=$2
shift 2
rounds=5
if [[ ${1:-} != -- ]]; then
  rounds=$1
  shift
fi
[[ ${1:-} == -- ]] && shift
threads=2

# Prints "<input median ms> <threshold median ms>" of one run.
measure() {
  QT_QPA_PLATFORM=offscreen "$1" --measure-timings --threads "$threads" "${@:2}" 2>&1 |
    awk '/input chosen/ {sub(/.*median /, ""); i = $1}
         /threshold change/ {sub(/.*median /, ""); t = $1}
         END {if (i == "" || t == "") exit 1; print i, t}'
}

inputs=()
thresholds=()
for ((r = 1; r <= rounds; ++r)); do
  if ((r % 2)); then
    ta=$(measure "$a" "$@")
    tb=$(measure "$b" "$@")
  else
    tb=$(measure "$b" "$@")
    ta=$(measure "$a" "$@")
  fi
  read -r ia ha <<<"$ta"
  read -r ib hb <<<"$tb"
  need_number "A's input timing" "$ia"
  need_number "B's input timing" "$ib"
  ri=$(awk -v x="$ib" -v y="$ia" 'BEGIN {printf "%.3f", x / y}')
  rh=$(awk -v x="$hb" -v y="$ha" 'BEGIN {printf "%.3f", x / y}')
  inputs+=("$ri")
  thresholds+=("$rh")
  echo "round $r: input to grids A $ia ms, B $ib ms (B/A $ri); threshold A $ha ms, B $hb ms (B/A $rh)"
done
echo "B/A median over $rounds rounds ($threads threads, flags: $*):" \
  "input to both grids drawn $(median "${inputs[@]}")x, threshold to highlights $(median "${thresholds[@]}")x"
