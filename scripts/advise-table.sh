#!/usr/bin/env bash
# Prints the README's table of the advisor experiment from resources/sweep/advised_vgg16.json
# (made by scripts/advise-experiment.sh): per model, the test accuracy of each seed, their mean,
# params and MACs.
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 - "${1:-resources/sweep/advised_vgg16.json}" <<'PY'
import json, sys
runs = [r for r in json.load(open(sys.argv[1])) if r["status"] == "finished"]
groups = {}
for r in runs:
    plan = r.get("plan")
    key = plan["name"] if plan else "uniform s=%d d=%d" % (r["ratio"], r["dw"])
    groups.setdefault(key, []).append(r)
order = sorted(groups, key=lambda k: (-groups[k][0]["macs"], k))
print("| model | params | MACs | seed 0 | seed 1 | mean | train time (both seeds) |")
print("|---|---:|---:|---:|---:|---:|---:|")
for key in order:
    rs = sorted(groups[key], key=lambda r: r["seed"])
    acc = {r["seed"]: r["test_accuracy"] for r in rs}
    mean = sum(acc.values()) / len(acc)
    minutes = sum(r["train_seconds"] for r in rs) / 60
    cells = ["%.2f%%" % (100 * acc[s]) if s in acc else "-" for s in (0, 1)]
    print("| %s | %.3fM | %.2fM | %s | %s | %.2f%% | %.1f min |" % (
        key, rs[0]["params"] / 1e6, rs[0]["macs"] / 1e6, cells[0], cells[1], 100 * mean, minutes))
PY
