#!/usr/bin/python3
"""Writes small seed inputs for the fuzz targets into OUT/<target>/ (scripts/fuzz.sh runs it with
Debian's /usr/bin/python3). Seeds are kept to a few KB so that libFuzzer mutates quickly; the
larger real files (shipped checkpoints, test fixtures) are added by fuzz.sh itself."""
import gzip
import io
import json
import os
import struct
import sys

import numpy as np
import torch
from PIL import Image


def put(out, target, name, data):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    with open(os.path.join(out, target, name), "wb") as f:
        f.write(data)


def torch_bytes(obj, zip_format=True):
    buffer = io.BytesIO()
    torch.save(obj, buffer, _use_new_zipfile_serialization=zip_format)
    return buffer.getvalue()


def safetensors_bytes(state):
    names = {torch.float32: "F32", torch.float16: "F16", torch.int64: "I64", torch.bfloat16: "BF16"}
    header, blobs, offset = {}, [], 0
    for key, t in state.items():
        raw = t.contiguous().view(torch.uint8).numpy().tobytes() if t.numel() else b""
        header[key] = {"dtype": names[t.dtype], "shape": list(t.shape),
                       "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def npy_bytes(array):
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def idx_bytes(array):
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim)
    header += b"".join(struct.pack(">I", d) for d in array.shape)
    return header + array.astype(np.uint8).tobytes()


def main():
    out = sys.argv[1]
    g = torch.Generator().manual_seed(0)
    state = {
        "features.0.weight": torch.randn(4, 1, 3, 3, generator=g),
        "features.0.bias": torch.zeros(4),
        "features.1.running_mean": torch.zeros(4, dtype=torch.float16),
        "features.1.num_batches_tracked": torch.tensor(3),
        "classifier.weight": torch.randn(2, 4, generator=g).to(torch.bfloat16),
    }
    put(out, "weights", "state_zip.pth", torch_bytes(state))
    put(out, "weights", "state_legacy.pth", torch_bytes(state, zip_format=False))
    put(out, "weights", "wrapped.pth.tar", torch_bytes({"state_dict": state, "epoch": 3}))
    put(out, "weights", "module_prefix.pth",
        torch_bytes({"module." + k: v for k, v in state.items()}))
    put(out, "weights", "view.pth", torch_bytes({"a": torch.arange(12.0)[2:8].view(2, 3).t()}))
    put(out, "weights", "state.safetensors",
        safetensors_bytes({k: v for k, v in state.items() if k != "features.1.num_batches_tracked"}))
    # An empty dimension beside two of 2^40: numel 0 passes the size check, the strides (2^80)
    # overflow 64 bits; refused since issue 26.
    huge = json.dumps({"w": {"dtype": "F32", "shape": [0, 2**40, 2**40],
                             "data_offsets": [0, 0]}}).encode()
    put(out, "weights", "empty_huge_strides.safetensors", struct.pack("<Q", len(huge)) + huge)

    maps = torch.rand(2, 3, 5, 5, generator=g)
    put(out, "activations", "0dict.pt", b"\0" + torch_bytes({"conv1": maps, "conv2": maps[:, :2]}))
    put(out, "activations", "0tensor_legacy.pt", b"\0" + torch_bytes(maps[0], zip_format=False))
    put(out, "activations", "0layers.safetensors", b"\0" + safetensors_bytes({"conv1": maps}))
    put(out, "activations", "1maps.npy", b"\1" + npy_bytes(maps.numpy()))

    put(out, "npy", "f32.npy", npy_bytes(np.arange(24, dtype=np.float32).reshape(2, 3, 4)))
    put(out, "npy", "f16_fortran.npy",
        npy_bytes(np.asfortranarray(np.arange(6, dtype=np.float16).reshape(2, 3))))
    put(out, "npy", "i64.npy", npy_bytes(np.arange(5, dtype=np.int64)))
    put(out, "npy", "u8_scalar.npy", npy_bytes(np.array(7, dtype=np.uint8)))

    images = np.random.default_rng(0).integers(0, 256, size=(3, 28, 28))
    put(out, "idx", "0images-idx3", b"\0" + idx_bytes(images))
    put(out, "idx", "1images-idx3.gz", b"\1" + gzip.compress(idx_bytes(images)))
    put(out, "idx", "1labels-idx1.gz", b"\1" + gzip.compress(idx_bytes(np.array([0, 9, 4]))))

    rgb = np.random.default_rng(1).integers(0, 256, size=(12, 10, 3), dtype=np.uint8)
    for fmt, mode in (("PNG", "RGB"), ("PNG", "L"), ("PNG", "RGBA"), ("JPEG", "RGB"), ("BMP", "RGB"),
                      ("TIFF", "RGB")):
        buffer = io.BytesIO()
        picture = Image.fromarray(rgb).convert(mode)
        picture.save(buffer, format=fmt)
        put(out, "image", "%s_%s.%s" % (mode, fmt.lower(), fmt.lower()), buffer.getvalue())
    buffer = io.BytesIO()
    Image.fromarray((rgb[..., 0].astype(np.uint16) * 257)).save(buffer, format="PNG")
    put(out, "image", "grey16.png", buffer.getvalue())


if __name__ == "__main__":
    main()
