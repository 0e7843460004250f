#!/usr/bin/env bash
# Runs every benchmark script in bench/ once in its smoke mode (one round, smallest size) and
# fails, naming the script, when it fails or does not print its figure. The figures' values are
# not checked: CI's cores are shared, and the point is that each documented benchmark command
# still measures something. Needs the build (scripts/build.sh builds bench/ too).
# Usage: bash scripts/bench-smoke.sh
set -uo pipefail
cd "$(dirname "$0")/.."
# script | a line its figure is printed on (extended regex)
checks=(
  "bench/train_throughput.sh|^ghostlens / python = [0-9.]+x \(median of 1 rounds"
  "bench/cli_timing.sh|^stats --model ghostnet --json, [0-9]+ threads: .*; median [0-9.]+ s$"
  "bench/deploy_forward.sh|^ghostlens deploy / python eager = [0-9.]+x, / python jit.freeze\(trace\) = [0-9.]+x"
  "bench/ghost_vs_vanilla.sh|^--deploy: measured speed-up vanilla / ghost = [0-9.]+x"
  "bench/load_weights.sh|^import, legacy \(importWeights vs resnet50\(\) \+ load_state_dict\): ghostlens / python = [0-9.]+x"
  "bench/gui_timings_ab.sh|^B/A median over 1 rounds .*input to both grids drawn [0-9.]+x, threshold to highlights [0-9.]+x"
  "bench/analytic_view_timing.sh|^analytic view"
)
listed=()
failed=()
for check in "${checks[@]}"; do
  script=${check%%|*}
  pattern=${check#*|}
  listed+=("$script")
  began=$(date +%s)
  out=$(bash "$script" --smoke 2>&1)
  status=$?
  took=$(($(date +%s) - began))
  if [ "$status" -ne 0 ]; then
    failed+=("$script")
    echo "bench-smoke: $script --smoke failed (exit $status, $took s):"
    echo "$out" | tail -n 15 | sed 's/^/  /'
  elif ! grep -qE "$pattern" <<<"$out"; then
    failed+=("$script")
    echo "bench-smoke: $script --smoke printed no figure ($took s); expected a line matching: $pattern"
    echo "$out" | tail -n 15 | sed 's/^/  /'
  else
    echo "bench-smoke: $script ($took s): $(grep -E "$pattern" <<<"$out" | head -n 1)"
  fi
done
# A script added to bench/ without a check here would go unsmoked.
for script in bench/*.sh; do
  [ "$script" = bench/lib.sh ] && continue
  if ! printf '%s\n' "${listed[@]}" | grep -qx "$script"; then
    failed+=("$script")
    echo "bench-smoke: $script has no smoke check in scripts/bench-smoke.sh"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench-smoke: ${#failed[@]} failed: ${failed[*]}"
  exit 1
fi
echo "bench-smoke: all ${#listed[@]} bench scripts printed their figures"
