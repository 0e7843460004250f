#!/usr/bin/env bash
# Prints the README's sweep table: every run of the shipped Fashion-MNIST sweep
# (resources/sweep/fashion_mnist_vgg16.json, made by scripts/train-defaults.sh) next to the paper's
# CIFAR-10 VGG-16 row for the same (s, d) (resources/paper/vgg16_cifar10.json).
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 - <<'PY'
import json

runs = json.load(open("resources/sweep/fashion_mnist_vgg16.json"))
paper = json.load(open("resources/paper/vgg16_cifar10.json"))["rows"]


def paper_row(ratio, dw):
    for row in paper:
        if row["ratio"] == ratio and (ratio == 1 or row["dw"] == dw):
            return row
    return None


def order(run):
    # The vanilla model, the s sweep at d = 3, then the d sweep at s = 2 (the paper's tables).
    if run["ratio"] == 1:
        return (0, 0)
    if run["dw"] == 3:
        return (1, run["ratio"])
    return (2, run["dw"])


print("| model | s | d | params | MACs | test accuracy (Fashion-MNIST) | train time | "
      "paper params | paper MACs | paper accuracy (CIFAR-10) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for run in sorted(runs, key=order):
    if run["status"] != "finished":
        continue
    p = paper_row(run["ratio"], run["dw"])
    name = "VGG-16" if run["ratio"] == 1 else "Ghost-VGG-16"
    d = "-" if run["ratio"] == 1 else str(run["dw"])
    print(f"| {name} | {run['ratio']} | {d} | {run['params'] / 1e6:.3f}M | "
          f"{run['macs'] / 1e6:.2f}M | {100 * run['test_accuracy']:.2f}% | "
          f"{run['train_seconds'] / 60:.1f} min | {p['params'] / 1e6:.1f}M | "
          f"{p['macs'] / 1e6:.0f}M | {p['accuracy_percent']:.1f}% |")
PY
