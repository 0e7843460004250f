#pragma once

#include <torch/types.h>

#include <string>

namespace ghostlens {

/// Reads a numpy .npy file (numpy.save; little-endian float16/32/64 or integer, C or Fortran
/// order) into a tensor of its own dtype and shape. Throws InputError naming the file
/// for a missing, truncated or unsupported one, or data that does not match its header.
torch::Tensor readNpy(const std::string& path);

}  // namespace ghostlens
