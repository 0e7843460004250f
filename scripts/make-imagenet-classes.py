#!/usr/bin/python3
"""Writes resources/imagenet/classes.txt: the 1,000 ImageNet class names in index order, one per
line, from Debian's python3-torchvision (the names its pretrained weights carry). Run once with
/usr/bin/python3; the file is committed."""
import os

from torchvision.models import ResNet50_Weights

names = ResNet50_Weights.IMAGENET1K_V1.meta["categories"]
assert len(names) == 1000
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "imagenet",
                   "classes.txt")
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(names) + "\n")
print(f"{len(names)} names written to {os.path.normpath(out)}")
