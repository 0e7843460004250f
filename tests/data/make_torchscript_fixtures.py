#!/usr/bin/python3
"""Writes the TorchScript fixtures of the any-model tests into OUT_DIR (run with Debian's
/usr/bin/python3, which has python3-torch and python3-torchvision; the suite runs it at test
time, since the files are too large to commit).

For each model, with random weights and random BatchNorm statistics, in eval mode, it writes:
  <name>.trace.pt    torch.jit.trace(model, input)
  <name>.script.pt   torch.jit.script(model), when the model scripts
  <name>.input.npy   the input, [1, 3, 64, 64] float32 (small: every stage keeps maps of 2x2 or
                     more, and the references stay a few MB)
  <name>.logits.npy  PyTorch's output for it
  <name>.hooks.pt    {module path: output} of a forward hook on every submodule whose output is a
                     4-D tensor, cloned when the hook runs (before a later in-place operation
                     changes it); the k-th call of a module called more than once is "path#k"
and models.txt, one name per line.
"""
import argparse
import collections
import hashlib
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_import_fixtures import GhostNet, randomize  # noqa: E402


def hooked_outputs(model, x):
    outputs, calls = collections.OrderedDict(), collections.Counter()

    def hook(name):
        def record(_module, _inputs, output):
            calls[name] += 1
            key = name if calls[name] == 1 else "%s#%d" % (name, calls[name])
            if isinstance(output, torch.Tensor) and output.dim() == 4:
                outputs[key] = output.detach().clone()
        return record

    handles = [m.register_forward_hook(hook(n)) for n, m in model.named_modules() if n]
    with torch.no_grad():
        logits = model(x)
    for h in handles:
        h.remove()
    return logits, outputs


def write(model, name, out, seed):
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(1, 3, 64, 64, generator=gen)
    logits, outputs = hooked_outputs(model, x)
    np.save(os.path.join(out, name + ".input.npy"), x.numpy())
    np.save(os.path.join(out, name + ".logits.npy"), logits.numpy())
    torch.save(outputs, os.path.join(out, name + ".hooks.pt"))
    with torch.no_grad():
        torch.jit.trace(model, x, check_trace=False).save(os.path.join(out, name + ".trace.pt"))
    script = os.path.join(out, name + ".script.pt")
    try:
        torch.jit.script(model).save(script)
    except Exception as e:  # noqa: BLE001 - a model that does not script is written traced only
        reason = next((line for line in str(e).splitlines() if line.strip()), "")
        print("%s: not scripted (%s: %s)" % (name, type(e).__name__, reason.strip()))
        if os.path.exists(script):
            os.remove(script)


MODELS = [
    ("resnet50", lambda: torchvision.models.resnet50()),
    ("mobilenet_v3_large", lambda: torchvision.models.mobilenet_v3_large()),
    ("efficientnet_b0", lambda: torchvision.models.efficientnet_b0()),
    ("convnext_tiny", lambda: torchvision.models.convnext_tiny()),
    ("regnet_y_400mf", lambda: torchvision.models.regnet_y_400mf()),
    ("ghostnet", lambda: GhostNet(width=1.0)),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    # Written last: fixtures made by this very script need not be made again.
    stamp = os.path.join(args.out, "stamp")
    script = hashlib.sha256(open(__file__, "rb").read()).hexdigest()
    if os.path.exists(stamp) and open(stamp).read() == script:
        print("fixtures in", args.out, "are up to date")
        return
    torch.set_num_threads(2)
    for seed, (name, make) in enumerate(MODELS, start=1):
        torch.manual_seed(seed)
        write(randomize(make(), seed), name, args.out, seed + 100)
    with open(os.path.join(args.out, "models.txt"), "w") as f:
        f.write("".join(name + "\n" for name, _ in MODELS))
    open(stamp, "w").write(script)
    print("fixtures written to", args.out)


if __name__ == "__main__":
    main()
