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
and models.txt, one name per line; for GhostNet also ghostnet.state.pth, its state dict, which
the zoo's GhostNet loads. Then two hostile scripted files: writes_file.pt (torch.save in its
forward) and writes_file_while_loading.pt (torch.save in the __setstate__ torch.jit.load runs),
both aimed at OUT/payload-ran, and writes_file_spaced.pt, the first with "torch . save (".
"""
import argparse
import collections
import os
import sys
import zipfile
from typing import Tuple

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_import_fixtures import (CFGS, ConvBnAct, GhostBottleneck, GhostModule,  # noqa: E402
                                  GhostNet, fixture_stamp, hooked_reference,
                                  make_divisible, randomize)
import make_import_fixtures  # noqa: E402


# ---- GhostNetV2 in the layout of the official release (huawei-noah/Efficient-AI-Backbones,
# ghostnetv2_pytorch/model/ghostnetv2_torch.py): GhostNet's stages, with the first Ghost module of
# every bottleneck after the second gated by DFC attention. Written here from that layout; its
# parameter names are the release's. ----

class DfcGhostModule(GhostModule):
    """A Ghost module whose maps are multiplied by a sigmoid gate: a 1x1 conv, then a 1x5 and a
    5x1 depthwise conv (the decoupled fully-connected attention), run at half resolution and
    brought back by nearest-neighbour upsampling."""

    def __init__(self, inp, oup, kernel=1, ratio=2, dw=3, stride=1, relu=True):
        super().__init__(inp, oup, kernel, ratio, dw, stride, relu)
        self.gate_fn = nn.Sigmoid()
        self.short_conv = nn.Sequential(
            nn.Conv2d(inp, oup, kernel, stride, kernel // 2, bias=False),
            nn.BatchNorm2d(oup),
            nn.Conv2d(oup, oup, (1, 5), 1, (0, 2), groups=oup, bias=False),
            nn.BatchNorm2d(oup),
            nn.Conv2d(oup, oup, (5, 1), 1, (2, 0), groups=oup, bias=False),
            nn.BatchNorm2d(oup))

    def forward(self, x):
        gate = self.gate_fn(self.short_conv(F.avg_pool2d(x, kernel_size=2, stride=2)))
        maps = super().forward(x)
        return maps * F.interpolate(gate, size=(maps.shape[-2], maps.shape[-1]), mode="nearest")


class GhostBottleneckV2(GhostBottleneck):
    def __init__(self, cin, mid, cout, dw_kernel, stride, se_ratio, layer_id):
        super().__init__(cin, mid, cout, dw_kernel, stride, se_ratio)
        if layer_id > 1:
            self.ghost1 = DfcGhostModule(cin, mid, relu=True)


class GhostNetV2(GhostNet):
    def __init__(self, num_classes=1000, width=1.0, dropout=0.2):
        super().__init__(num_classes, width, dropout)
        cin = make_divisible(16 * width, 4)
        stages, layer_id = [], 0
        for cfg in CFGS:
            layers = []
            for k, exp, c, se, s in cfg:
                cout = make_divisible(c * width, 4)
                layers.append(GhostBottleneckV2(cin, make_divisible(exp * width, 4), cout, k, s, se,
                                                layer_id))
                cin = cout
                layer_id += 1
            stages.append(nn.Sequential(*layers))
        stages.append(nn.Sequential(ConvBnAct(cin, make_divisible(exp * width, 4), 1)))
        self.blocks = nn.Sequential(*stages)


def write(model, name, out, seed):
    x, outputs, _ = hooked_reference(model, name, out, seed, 64)
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


class WritesAFile(nn.Module):
    """TorchScript that writes a file in its forward."""

    def __init__(self, marker: str):
        super().__init__()
        self.marker = marker

    def forward(self, x):
        torch.save(x, self.marker)
        return x.flatten(1)


class WritesAFileWhileLoading(nn.Module):
    """TorchScript whose __setstate__, which torch.jit.load runs, writes a file."""

    def __init__(self, marker: str):
        super().__init__()
        self.marker = marker
        self.w = torch.zeros(1)

    def forward(self, x):
        return x.flatten(1) + self.w

    @torch.jit.export
    def __getstate__(self):
        return (self.w, self.marker, self.training)

    @torch.jit.export
    def __setstate__(self, state: Tuple[torch.Tensor, str, bool]):
        self.w = state[0]
        self.marker = state[1]
        self.training = state[2]
        torch.save(self.w, self.marker)


def write_hostile(out):
    """Scripted files that would write OUT/payload-ran: from forward, and while loading."""
    marker = os.path.join(out, "payload-ran")
    torch.jit.script(WritesAFile(marker)).save(os.path.join(out, "writes_file.pt"))
    torch.jit.script(WritesAFileWhileLoading(marker)).save(
        os.path.join(out, "writes_file_while_loading.pt"))
    # The same forward with "torch . save (": LibTorch parses it, a plain text search misses it.
    with zipfile.ZipFile(os.path.join(out, "writes_file.pt")) as original, \
            zipfile.ZipFile(os.path.join(out, "writes_file_spaced.pt"), "w") as spaced:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename.endswith(".py"):
                data = data.replace(b"torch.save(", b"torch . save (")
            spaced.writestr(info, data)
    # The threat is real: Python's own loader runs the __setstate__ and the file appears.
    if os.path.exists(marker):
        os.remove(marker)
    torch.jit.load(os.path.join(out, "writes_file_while_loading.pt"))
    if not os.path.exists(marker):
        sys.exit("torch.jit.load no longer runs __setstate__: writes_file_while_loading.pt "
                 "tests nothing")
    os.remove(marker)


MODELS = [
    ("resnet50", lambda: torchvision.models.resnet50()),
    ("mobilenet_v3_large", lambda: torchvision.models.mobilenet_v3_large()),
    ("efficientnet_b0", lambda: torchvision.models.efficientnet_b0()),
    ("convnext_tiny", lambda: torchvision.models.convnext_tiny()),
    ("regnet_y_400mf", lambda: torchvision.models.regnet_y_400mf()),
    ("ghostnet", lambda: GhostNet(width=1.0)),
    ("ghostnetv2", lambda: GhostNetV2(width=1.0)),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    # This script builds on the import fixtures' models: a change to either makes them again.
    done, record = fixture_stamp(args.out, __file__, make_import_fixtures.__file__)
    if done:
        print("fixtures in", args.out, "are up to date")
        return
    torch.set_num_threads(2)
    for seed, (name, make) in enumerate(MODELS, start=1):
        torch.manual_seed(seed)
        model = randomize(make(), seed)
        write(model, name, args.out, seed + 100)
        if name == "ghostnet":  # the same weights as a state dict, for the zoo's GhostNet
            torch.save(model.state_dict(), os.path.join(args.out, name + ".state.pth"))
    write_hostile(args.out)
    with open(os.path.join(args.out, "models.txt"), "w") as f:
        f.write("".join(name + "\n" for name, _ in MODELS))
    record()
    print("fixtures written to", args.out)


if __name__ == "__main__":
    main()
