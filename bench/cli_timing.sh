#!/usr/bin/env bash
# Wall time of `ghostlens-cli stats --model ghostnet --json` (model built and counted, LibTorch
# loaded), over several runs, with the thread count printed. Needs a build.
# Usage: bash bench/cli_timing.sh [--smoke] [threads] [runs]
#   --smoke: one run
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
parse_smoke "$@"
set -- "${args[@]}"
threads=${1:-2}
runs=${2:-5}
$smoke && runs=1
times=()
for ((i = 1; i <= runs; ++i)); do
  times+=("$(/usr/bin/time -f %e build/app/ghostlens-cli --threads "$threads" stats --model ghostnet --json 2>&1 >/dev/null | tail -1)")
  need_number "ghostlens-cli stats (/usr/bin/time)" "${times[-1]}"
done
echo "stats --model ghostnet --json, $threads threads: ${times[*]} s; median $(median "${times[@]}") s"
