#!/usr/bin/python3
"""Writes the weight-file fixtures of the import tests into OUT_DIR (run with Debian's
/usr/bin/python3, which has python3-torch and python3-torchvision; the test suite runs it at test
time, since the files are too large to commit).

For GhostNet (written here from the official release's layout, paper-numbers.md) and torchvision's
resnet50(), with random weights and random BatchNorm statistics, in eval mode, it writes:
  <name>.input.npy          the input, [1, 3, 224, 224] float32
  <name>.logits.npy         PyTorch's logits for that input
  <name>.taps/<module>.npy  what a forward hook on <module> returns (modules called once)
and the weights as zip, legacy, safetensors and DataParallel-checkpoint files. GhostNet 0.5x is
also written in float16, bfloat16 and float64, with references computed from the rounded weights.
Then the hostile files: pickles calling os.system, truncated, empty, lying and foreign files.
"""
import argparse
import collections
import hashlib
import io
import json
import math
import os
import pickle
import struct
import sys
import zipfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision


# ---- GhostNet in the official release's layout (huawei-noah, ghostnet_pytorch) ----

def make_divisible(v, divisor, min_value=None):
    min_value = min_value or divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


class SqueezeExcite(nn.Module):
    def __init__(self, chs, se_ratio=0.25):
        super().__init__()
        reduced = make_divisible(chs * se_ratio, 4)
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.conv_reduce = nn.Conv2d(chs, reduced, 1, bias=True)
        self.act1 = nn.ReLU(inplace=True)
        self.conv_expand = nn.Conv2d(reduced, chs, 1, bias=True)

    def forward(self, x):
        s = self.conv_expand(self.act1(self.conv_reduce(self.avg_pool(x))))
        return x * (F.relu6(s + 3.0) / 6.0)


class ConvBnAct(nn.Module):
    def __init__(self, cin, cout, kernel, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel, stride, kernel // 2, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.act1 = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act1(self.bn1(self.conv(x)))


class GhostModule(nn.Module):
    def __init__(self, inp, oup, kernel=1, ratio=2, dw=3, stride=1, relu=True):
        super().__init__()
        self.oup = oup
        init = math.ceil(oup / ratio)
        new = init * (ratio - 1)
        self.primary_conv = nn.Sequential(
            nn.Conv2d(inp, init, kernel, stride, kernel // 2, bias=False),
            nn.BatchNorm2d(init),
            nn.ReLU(inplace=True) if relu else nn.Sequential())
        self.cheap_operation = nn.Sequential(
            nn.Conv2d(init, new, dw, 1, dw // 2, groups=init, bias=False),
            nn.BatchNorm2d(new),
            nn.ReLU(inplace=True) if relu else nn.Sequential())

    def forward(self, x):
        x1 = self.primary_conv(x)
        x2 = self.cheap_operation(x1)
        return torch.cat([x1, x2], dim=1)[:, :self.oup, :, :]


class GhostBottleneck(nn.Module):
    def __init__(self, cin, mid, cout, dw_kernel=3, stride=1, se_ratio=0.0):
        super().__init__()
        self.stride = stride
        self.ghost1 = GhostModule(cin, mid, relu=True)
        if stride > 1:
            self.conv_dw = nn.Conv2d(mid, mid, dw_kernel, stride, (dw_kernel - 1) // 2,
                                     groups=mid, bias=False)
            self.bn_dw = nn.BatchNorm2d(mid)
        self.se = SqueezeExcite(mid, se_ratio) if se_ratio else None
        self.ghost2 = GhostModule(mid, cout, relu=False)
        if cin == cout and stride == 1:
            self.shortcut = nn.Sequential()
        else:
            self.shortcut = nn.Sequential(
                nn.Conv2d(cin, cin, dw_kernel, stride, (dw_kernel - 1) // 2, groups=cin,
                          bias=False),
                nn.BatchNorm2d(cin),
                nn.Conv2d(cin, cout, 1, 1, 0, bias=False),
                nn.BatchNorm2d(cout))

    def forward(self, x):
        residual = x
        x = self.ghost1(x)
        if self.stride > 1:
            x = self.bn_dw(self.conv_dw(x))
        if self.se is not None:
            x = self.se(x)
        x = self.ghost2(x)
        x += self.shortcut(residual)
        return x


CFGS = [
    [[3, 16, 16, 0, 1]], [[3, 48, 24, 0, 2]], [[3, 72, 24, 0, 1]], [[5, 72, 40, 0.25, 2]],
    [[5, 120, 40, 0.25, 1]], [[3, 240, 80, 0, 2]],
    [[3, 200, 80, 0, 1], [3, 184, 80, 0, 1], [3, 184, 80, 0, 1], [3, 480, 112, 0.25, 1],
     [3, 672, 112, 0.25, 1]],
    [[5, 672, 160, 0.25, 2]],
    [[5, 960, 160, 0, 1], [5, 960, 160, 0.25, 1], [5, 960, 160, 0, 1], [5, 960, 160, 0.25, 1]],
]


class GhostNet(nn.Module):
    def __init__(self, num_classes=1000, width=1.0, dropout=0.2):
        super().__init__()
        self.dropout = dropout
        out = make_divisible(16 * width, 4)
        self.conv_stem = nn.Conv2d(3, out, 3, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(out)
        self.act1 = nn.ReLU(inplace=True)
        cin = out
        stages = []
        for cfg in CFGS:
            layers = []
            for k, exp, c, se, s in cfg:
                out = make_divisible(c * width, 4)
                mid = make_divisible(exp * width, 4)
                layers.append(GhostBottleneck(cin, mid, out, k, s, se_ratio=se))
                cin = out
            stages.append(nn.Sequential(*layers))
        out = make_divisible(exp * width, 4)
        stages.append(nn.Sequential(ConvBnAct(cin, out, 1)))
        self.blocks = nn.Sequential(*stages)
        self.global_pool = nn.AdaptiveAvgPool2d((1, 1))
        self.conv_head = nn.Conv2d(out, 1280, 1, 1, 0, bias=True)
        self.act2 = nn.ReLU(inplace=True)
        self.classifier = nn.Linear(1280, num_classes)

    def forward(self, x):
        x = self.act1(self.bn1(self.conv_stem(x)))
        x = self.blocks(x)
        x = self.act2(self.conv_head(self.global_pool(x)))
        x = x.view(x.size(0), -1)
        if self.dropout > 0.0:
            x = F.dropout(x, p=self.dropout, training=self.training)
        return self.classifier(x)


PHOTO = "/usr/lib/python3/dist-packages/skimage/data/chelsea.png"  # python3-skimage


# ---- helpers ----

def fixture_stamp(out, *scripts):
    """Whether OUT holds what these very scripts wrote, and a function that records that they
    did (call it last: a run that dies half way leaves no stamp)."""
    digest = hashlib.sha256(b"".join(open(s, "rb").read() for s in scripts)).hexdigest()
    stamp = os.path.join(out, "stamp")
    done = os.path.exists(stamp) and open(stamp).read() == digest
    return done, lambda: open(stamp, "w").write(digest)


def randomize(model, seed):
    """Random weights and random BatchNorm statistics, so that nothing is at its default."""
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.BatchNorm2d, nn.BatchNorm1d)):
                m.weight.copy_(torch.rand(m.weight.shape, generator=gen) + 0.5)
                m.bias.copy_(torch.randn(m.bias.shape, generator=gen) * 0.1)
                m.running_mean.copy_(torch.randn(m.running_mean.shape, generator=gen) * 0.1)
                m.running_var.copy_(torch.rand(m.running_var.shape, generator=gen) * 1.5 + 0.5)
                m.num_batches_tracked.fill_(int(torch.randint(1, 1000, (1,), generator=gen)))
    model.eval()
    return model


def write_safetensors(state, path):
    codes = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
             torch.float64: "F64", torch.int64: "I64"}
    header, blobs, offset = {}, [], 0
    for name, t in state.items():
        t = t.detach().contiguous()
        raw = t.view(torch.int16).numpy().tobytes() if t.dtype == torch.bfloat16 \
            else t.numpy().tobytes()
        header[name] = {"dtype": codes[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in blobs:
            f.write(raw)


def hooked_outputs(model, x):
    """The logits, {module path: 4-D output, cloned when the hook runs (before a later in-place
    operation changes it)} with "path#k" for a module's k-th call, and the calls per module."""
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
    return logits, outputs, calls


def hooked_reference(model, name, out, seed, size):
    """Runs `model` on a seeded [1, 3, size, size] input with hooked_outputs() and writes
    <name>.input.npy and <name>.logits.npy; returns the input, the outputs and the calls."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(1, 3, size, size, generator=gen)
    logits, outputs, calls = hooked_outputs(model, x)
    np.save(os.path.join(out, name + ".input.npy"), x.numpy())
    np.save(os.path.join(out, name + ".logits.npy"), logits.numpy())
    return x, outputs, calls


def write_reference(model, name, out, seed):
    """Input, logits and every forward hook output of `model` (4-D outputs of modules run once)."""
    _, taps, calls = hooked_reference(model, name, out, seed, 224)
    folder = os.path.join(out, name + ".taps")
    os.makedirs(folder, exist_ok=True)
    wanted = (nn.Conv2d, GhostModule, GhostBottleneck, ConvBnAct,
              torchvision.models.resnet.Bottleneck, torchvision.models.mobilenetv2.InvertedResidual,
              nn.Sequential)
    modules = dict(model.named_modules())
    for module_name, t in taps.items():
        if calls[module_name] == 1 and isinstance(modules[module_name], wanted):
            np.save(os.path.join(folder, module_name + ".npy"), t.numpy())


def save_all_formats(state, stem, out, model_for_checkpoint):
    torch.save(state, os.path.join(out, stem + "_zip.pth"))
    torch.save(state, os.path.join(out, stem + "_legacy.pth"), _use_new_zipfile_serialization=False)
    write_safetensors(state, os.path.join(out, stem + ".safetensors"))
    wrapped = collections.OrderedDict(("module." + k, v) for k, v in state.items())
    optimizer = torch.optim.SGD(model_for_checkpoint.parameters(), lr=0.1, momentum=0.9)
    checkpoint = {"epoch": 12, "arch": stem, "state_dict": wrapped,
                  "optimizer": optimizer.state_dict(), "best_prec1": 73.98,
                  "args": argparse.Namespace(lr=0.1, batch_size=256)}
    torch.save(checkpoint, os.path.join(out, stem + "_checkpoint.pth.tar"))


# ---- hostile files ----

class Payload:
    """A pickle that runs a shell command when Python's torch.load reads it."""

    def __init__(self, command):
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


def write_hostile(out, marker):
    small = {"conv.weight": torch.randn(4, 3, 3, 3)}
    evil = dict(small, evil=Payload("touch " + marker))
    torch.save(evil, os.path.join(out, "payload_zip.pth"))
    torch.save(evil, os.path.join(out, "payload_legacy.pth"), _use_new_zipfile_serialization=False)

    full_zip = open(os.path.join(out, "ghostnet_zip.pth"), "rb").read()
    open(os.path.join(out, "truncated_zip.pth"), "wb").write(full_zip[: len(full_zip) // 2])
    full_legacy = open(os.path.join(out, "ghostnet_legacy.pth"), "rb").read()
    open(os.path.join(out, "truncated_legacy.pth"), "wb").write(full_legacy[: len(full_legacy) // 2])
    open(os.path.join(out, "empty.pth"), "wb").close()

    # A zip whose storage holds fewer bytes than the tensor's shape needs.
    torch.save({"w": torch.randn(64, 64)}, os.path.join(out, "short_storage_src.pth"))
    with zipfile.ZipFile(os.path.join(out, "short_storage_src.pth")) as src, \
            zipfile.ZipFile(os.path.join(out, "short_storage.pth"), "w",
                            zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("/data/0"):
                data = data[:100]
            dst.writestr(info.filename, data)
    os.remove(os.path.join(out, "short_storage_src.pth"))

    # A legacy file whose storage element count claims far more than the file holds.
    torch.save(small, os.path.join(out, "lying_count_src.pth"), _use_new_zipfile_serialization=False)
    raw = bytearray(open(os.path.join(out, "lying_count_src.pth"), "rb").read())
    count_at = len(raw) - 4 * 3 * 3 * 3 * 4 - 8
    raw[count_at:count_at + 8] = struct.pack("<q", 1 << 60)
    open(os.path.join(out, "lying_count_legacy.pth"), "wb").write(bytes(raw))
    os.remove(os.path.join(out, "lying_count_src.pth"))

    header = b'{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}'
    with open(os.path.join(out, "huge_header.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", 1 << 62) + header + b"\0" * 16)
    header = b'{"w":{"dtype":"F32","shape":[1024,1024],"data_offsets":[0,4194304]}}'
    with open(os.path.join(out, "offsets_past_end.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(header)) + header + b"\0" * 64)

    pdf = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
           b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
           b"trailer << /Root 1 0 R >>\n%%EOF\n")
    open(os.path.join(out, "document.pth"), "wb").write(pdf)

    # Tuples nested 400,000 deep (within the interpreter's value limit), a pickle of two million
    # values (beyond it), and one naming builtins.eval through STACK_GLOBAL.
    def nested(depth):
        return b"\x80\x02" + b"(" * depth + b")" + b"t" * depth + b"."
    open(os.path.join(out, "deep.pth"), "wb").write(nested(400000))
    open(os.path.join(out, "huge.pth"), "wb").write(nested(1000000))
    class Eval:
        def __reduce__(self):
            return (eval, ("1+1",))
    open(os.path.join(out, "eval_protocol4.pkl"), "wb").write(pickle.dumps(Eval(), protocol=4))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    parser.add_argument("--marker", required=True,
                        help="file the os.system payloads would create if they ever ran")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if os.path.exists(args.marker):
        os.remove(args.marker)
    done, record = fixture_stamp(args.out, __file__)
    if done:
        print("fixtures in", args.out, "are up to date")
        return
    torch.set_num_threads(2)

    ghostnet = randomize(GhostNet(width=1.0), seed=1)
    write_reference(ghostnet, "ghostnet", args.out, seed=11)
    save_all_formats(ghostnet.state_dict(), "ghostnet", args.out, ghostnet)

    resnet = randomize(torchvision.models.resnet50(), seed=2)
    write_reference(resnet, "resnet50", args.out, seed=12)
    save_all_formats(resnet.state_dict(), "resnet50", args.out, resnet)

    mobilenet = randomize(torchvision.models.mobilenet_v2(), seed=5)
    write_reference(mobilenet, "mobilenet_v2", args.out, seed=15)
    torch.save(mobilenet.state_dict(), os.path.join(args.out, "mobilenet_v2.pth"))

    # Narrow GhostNet with 10 classes in three more dtypes; each reference uses rounded weights.
    for dtype, stem, writer in [
            (torch.float16, "ghostnet_w05_f16", lambda s, p: torch.save(s, p + ".pth")),
            (torch.bfloat16, "ghostnet_w05_bf16", lambda s, p: write_safetensors(s, p + ".safetensors")),
            (torch.float64, "ghostnet_w05_f64",
             lambda s, p: torch.save(s, p + ".pth", _use_new_zipfile_serialization=False))]:
        model = randomize(GhostNet(num_classes=10, width=0.5), seed=3)
        state = collections.OrderedDict(
            (k, v.to(dtype) if v.is_floating_point() else v) for k, v in model.state_dict().items())
        writer(state, os.path.join(args.out, stem))
        model.load_state_dict(collections.OrderedDict((k, v.to(torch.float32) if v.is_floating_point() else v) for k, v in state.items()))
        write_reference(model, stem, args.out, seed=13)

    # Files that fit no model: a key missing, a key extra, a tensor of the wrong shape.
    base = randomize(GhostNet(num_classes=10, width=0.5), seed=4).state_dict()
    missing = collections.OrderedDict(base)
    del missing["blocks.3.0.ghost1.primary_conv.0.weight"]
    torch.save(missing, os.path.join(args.out, "missing_key.pth"))
    extra = collections.OrderedDict(base)
    extra["blocks.3.0.extra.weight"] = torch.zeros(3)
    torch.save(extra, os.path.join(args.out, "unexpected_key.pth"))
    misshaped = collections.OrderedDict(base)
    misshaped["blocks.5.0.ghost2.cheap_operation.0.weight"] = torch.zeros(40, 1, 5, 5)
    torch.save(misshaped, os.path.join(args.out, "misshaped_key.pth"))

    torch.save({"maps": torch.randn(1, 8, 6, 6)}, os.path.join(args.out, "one_entry_activations.pt"))

    # torchvision's ImageNet evaluation transform of a real photo, through PIL as its releases
    # were evaluated.
    from PIL import Image
    import torchvision.transforms as T
    transform = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(),
                           T.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
    photo = Image.open(PHOTO).convert("RGB")
    np.save(os.path.join(args.out, "chelsea.imagenet.npy"), transform(photo).unsqueeze(0).numpy())
    write_hostile(args.out, args.marker)
    record()
    print("fixtures written to", args.out)


if __name__ == "__main__":
    main()
