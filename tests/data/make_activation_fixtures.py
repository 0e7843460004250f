#!/usr/bin/python3
"""Writes the small activation fixtures the tests read (run with Debian's /usr/bin/python3,
which has python3-torch and numpy). Map 1 of each layer is an affine copy of map 0, so the
analysis must find that pair."""
import numpy as np
import torch

torch.manual_seed(0)
a = torch.randn(4, 6, 6)
a[1] = 2.0 * a[0] + 0.5
b = torch.randn(2, 3, 5, 5)
b[:, 1] = 3.0 * b[:, 0] - 1.0
torch.save({"stem": a, "block1": b}, "activations_dict.pt")
torch.save(a, "activations_tensor.pt")
np.save("activations_f32.npy", a.numpy())
np.save("activations_f64.npy", b.numpy().astype(np.float64))
bad = a.clone()
bad[2, 1, 1] = float("nan")
np.save("activations_nan.npy", bad.numpy())
np.save("activations_rank2.npy", a[0].numpy())
# Issue 16: a view of 2^36 values over a one-value storage (zero strides), a few hundred bytes on
# disk; converting it would need 256 GiB.
torch.save({"huge": torch.zeros(1).expand(16, 4096, 1024, 1024)}, "activations_expanded.pt")
