#!/usr/bin/python3
"""Times torch.load of a weights file (and, with --model, torchvision's resnet50() built and
given the weights), as bench/load_weights.sh compares it with GhostLens's reader."""
import argparse
import statistics
import time

import torch
import torchvision

parser = argparse.ArgumentParser()
parser.add_argument("path")
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--repeat", type=int, default=5)
parser.add_argument("--model", action="store_true", help="also build resnet50() and load it")
args = parser.parse_args()
torch.set_num_threads(args.threads)
times = []
for _ in range(args.repeat):
    start = time.perf_counter()
    state = torch.load(args.path, map_location="cpu")
    if args.model:
        torchvision.models.resnet50().load_state_dict(state)
    times.append(time.perf_counter() - start)
print(f"python: {1000 * statistics.median(times):.1f} ms median of {args.repeat}")
