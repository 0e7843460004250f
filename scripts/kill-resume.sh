#!/usr/bin/env bash
# Fault test of issue 16: `ghostlens-cli sweep` killed with SIGKILL at KILLS (default 20) random
# moments, each kill followed by a restart that resumes; then the sweep is run to its end. Checks
# that every run finished, the store has exactly one row per epoch, every checkpoint on disk
# reads, and the final accuracies equal those of the same sweep run without interruption.
# Usage: bash scripts/kill-resume.sh [KILLS] [SEED]   (needs build/app/ghostlens-cli)
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-20}
seed=${2:-1}
cli=${GHOSTLENS_CLI:-$PWD/build/app/ghostlens-cli}
[ -x "$cli" ] || { echo "kill-resume.sh: build first ($cli missing)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sweep=(--threads 1 sweep --width 0.125 --ratios 1,2,3 --dws 1 --epochs 5 --batch 64
       --train-subset 768 --test-subset 300)
runs_json() { "$cli" runs --json --store "$1"; }

ms() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }
start=$(date +%s%3N)
"$cli" "${sweep[@]}" --store "$work/ref.sqlite" --checkpoint-dir "$work/ref" >/dev/null 2>&1
whole_ms=$(($(date +%s%3N) - start))
echo "uninterrupted sweep: 4 runs x 5 epochs in $(ms "$whole_ms") s"
# Kill moments from 0.2 s to start-up plus about two epochs: each restart gets a little further.
epoch_ms=$((whole_ms / 20))

RANDOM=$seed
for i in $(seq 1 "$kills"); do
  span=$((400 + 2 * epoch_ms))
  at_ms=$((200 + (RANDOM * 32768 + RANDOM) % span))
  "$cli" "${sweep[@]}" --store "$work/killed.sqlite" --checkpoint-dir "$work/killed" \
    >"$work/out.txt" 2>&1 &
  pid=$!
  sleep "$(ms "$at_ms")"
  if kill -9 "$pid" 2>/dev/null; then verdict="killed"; else verdict="had already ended"; fi
  wait "$pid" 2>/dev/null || true
  rows=0
  [ -f "$work/killed.sqlite" ] && rows=$(runs_json "$work/killed.sqlite" |
    /usr/bin/python3 -c "import json,sys; print(sum(len(r['per_epoch']) for r in json.load(sys.stdin)))")
  # Every checkpoint on disk must read (a half-written one would not).
  for ckpt in "$work"/killed/*.ckpt; do
    [ -e "$ckpt" ] || continue
    "$cli" export-weights --weights "$ckpt" --output "$work/check.pt" >/dev/null 2>&1 ||
      { echo "kill $i: checkpoint $(basename "$ckpt") does not read" >&2; exit 1; }
  done
  printf 'kill %2d at %5.2f s: %s; %2d epoch rows stored, every checkpoint reads\n' \
    "$i" "$(ms "$at_ms")" "$verdict" "$rows"
done
"$cli" "${sweep[@]}" --store "$work/killed.sqlite" --checkpoint-dir "$work/killed" >/dev/null 2>&1

runs_json "$work/ref.sqlite" >"$work/ref.json"
runs_json "$work/killed.sqlite" >"$work/killed.json"
/usr/bin/python3 - "$work/ref.json" "$work/killed.json" <<'PY'
import json, sys
ref = json.load(open(sys.argv[1]))
got = json.load(open(sys.argv[2]))
key = lambda r: (r["ratio"], r["dw"])
ref = {key(r): r for r in ref}
problems = []
if sorted(key(r) for r in got) != sorted(ref):
    problems.append("runs %s, expected one each of %s" % ([key(r) for r in got], sorted(ref)))
for r in got:
    epochs = [e["epoch"] for e in r["per_epoch"]]
    if r["status"] != "finished":
        problems.append("run %s is %s" % (key(r), r["status"]))
    if sorted(epochs) != list(range(5)):
        problems.append("run %s has epoch rows %s" % (key(r), epochs))
    want = ref.get(key(r), {}).get("test_accuracy")
    if r["test_accuracy"] != want:
        problems.append("run %s: accuracy %s, uninterrupted %s" % (key(r), r["test_accuracy"], want))
    print("s=%d d=%d: %s, epochs %s, accuracy %.4f (uninterrupted %.4f)" %
          (r["ratio"], r["dw"], r["status"], epochs, r["test_accuracy"], want or -1))
if problems:
    print("FAILED:\n  " + "\n  ".join(problems))
    sys.exit(1)
print("every run finished, one row per epoch, accuracies equal the uninterrupted sweep's")
PY
