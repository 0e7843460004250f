#!/usr/bin/python3
"""Training throughput of GhostLens's small Fashion-MNIST VGG-16 in Python PyTorch.

The same model as core/src/models/vgg16.cpp + ghost_module.cpp (GhostModules with a 3x3 primary
conv, ceil-mode max-pools, global average pool, Linear + BN1d + ReLU + Linear head), the same
optimiser (SGD, momentum 0.9, weight decay 5e-4) and learning-rate warm-up, batch size, augmentation (pad 2, random crop,
horizontal flip) and thread count as `ghostlens-cli train`. Prints images/s over one pass of
the subset, the way GhostLens reports an epoch. Run through bench/train_throughput.sh."""
import argparse
import gzip
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class GhostModule(nn.Module):
    def __init__(self, inp, oup, kernel_size=1, ratio=2, dw_size=3, stride=1, relu=True):
        super().__init__()
        self.oup = oup
        init = math.ceil(oup / ratio)
        new = init * (ratio - 1)
        self.primary_conv = nn.Sequential(
            nn.Conv2d(inp, init, kernel_size, stride, kernel_size // 2, bias=False),
            nn.BatchNorm2d(init), nn.ReLU() if relu else nn.Sequential())
        self.cheap_operation = None
        if ratio > 1:
            self.cheap_operation = nn.Sequential(
                nn.Conv2d(init, new, dw_size, 1, dw_size // 2, groups=init, bias=False),
                nn.BatchNorm2d(new), nn.ReLU() if relu else nn.Sequential())

    def forward(self, x):
        x1 = self.primary_conv(x)
        if self.cheap_operation is None:
            return x1
        x2 = self.cheap_operation(x1)
        return torch.cat([x1, x2], dim=1)[:, :self.oup]


def scale(c, width):
    return max(1, int(round(c * width)))


class Vgg16(nn.Module):
    LAYOUT = [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0]

    def __init__(self, width, ratio, dw, in_channels=1, classes=10):
        super().__init__()
        layers, c = [], in_channels
        for entry in self.LAYOUT:
            if entry == 0:
                layers.append(nn.MaxPool2d(2, 2, ceil_mode=True))
                continue
            out = scale(entry, width)
            layers.append(GhostModule(c, out, 3, ratio, dw, 1, True))
            c = out
        self.features = nn.Sequential(*layers)
        hidden = scale(512, width)
        self.classifier = nn.Sequential(nn.Linear(c, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),
                                        nn.Linear(hidden, classes))

    def forward(self, x):
        x = F.adaptive_avg_pool2d(self.features(x), 1).flatten(1)
        return self.classifier(x)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--width", type=float, default=0.25)
    p.add_argument("--ratio", type=int, default=2)
    p.add_argument("--dw", type=int, default=3)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--subset", type=int, default=12800)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    images = torch.from_numpy(read_idx(f"{a.data_dir}/train-images-idx3-ubyte.gz")[:a.subset].copy())
    labels = torch.from_numpy(read_idx(f"{a.data_dir}/train-labels-idx1-ubyte.gz")[:a.subset].astype(np.int64))
    images = images.unsqueeze(1).float() / 255.0
    model = Vgg16(a.width, a.ratio, a.dw)
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    order = torch.randperm(a.subset)
    shifts = torch.randint(-2, 3, (a.subset, 2))
    flips = torch.randint(0, 2, (a.subset,)).bool()
    padded_all = F.pad(images, (2, 2, 2, 2))
    seen = 0
    steps = (a.subset + a.batch - 1) // a.batch
    start = time.perf_counter()
    for step, b in enumerate(range(0, a.subset, a.batch)):
        # ghostlens-cli train's schedule for a 1-epoch run: the epoch is the linear warm-up.
        # (Speed depends on the training dynamics on this CPU, so the schedules must match.)
        for group in opt.param_groups:
            group["lr"] = 0.05 * (step + 1) / steps
        ids = order[b:b + a.batch]
        n = ids.shape[0]
        # The same one-gather crop and flip as core/src/training/batch_loader.cpp.
        padded = padded_all[ids, 0]
        base = torch.arange(28)
        rows = (2 + shifts[ids, 0]).view(n, 1, 1) + base.view(1, 28, 1)
        cols = torch.where(flips[ids].view(n, 1, 1), 27 - base.view(1, 1, 28), base.view(1, 1, 28))
        cols = cols + (2 + shifts[ids, 1]).view(n, 1, 1)
        x = padded[torch.arange(n).view(n, 1, 1), rows, cols].unsqueeze(1)
        x = (x - 0.2860) / 0.3530
        y = labels[ids]
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        seen += x.shape[0]
    elapsed = time.perf_counter() - start
    print(f"python: {seen / elapsed:.0f} images/s ({seen} images, {elapsed:.2f} s, "
          f"{a.threads} threads, torch {torch.__version__})")


if __name__ == "__main__":
    main()
