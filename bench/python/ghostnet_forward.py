#!/usr/bin/python3
"""Forward time of GhostNet 1.0x (224x224, batch 1) in Python PyTorch: eager under
torch.no_grad(), and torch.jit.freeze(torch.jit.trace(model, x)). The model is the official
release's layout, the one the import tests use (tests/data/make_import_fixtures.py), with random
weights and BN statistics. Prints the median of --repeat timed runs after --warmup untimed ones.
Run through bench/deploy_forward.sh, which alternates it with GhostLens's deploy mode."""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data"))
from make_import_fixtures import GhostNet, randomize  # noqa: E402


def median_ms(run, repeat, warmup):
    for _ in range(warmup):
        run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    times.sort()
    n = len(times)
    return 1e3 * (times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--mode", choices=["eager", "jit"], default="eager")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    model = randomize(GhostNet(width=1.0), seed=1)
    x = torch.randn(1, 3, 224, 224)
    with torch.no_grad():
        if args.mode == "jit":
            model = torch.jit.freeze(torch.jit.trace(model, x))
        ms = median_ms(lambda: model(x), args.repeat, args.warmup)
    print(f"python {args.mode}: {ms:.3f} ms (median of {args.repeat}; {args.threads} threads; "
          f"torch {torch.__version__})")


if __name__ == "__main__":
    main()
