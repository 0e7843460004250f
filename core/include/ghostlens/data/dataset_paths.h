#pragma once

namespace ghostlens {

/// Where Debian's dataset-fashion-mnist package puts the IDX files; here, free of Torch, for
/// the GUI's views.
inline constexpr const char* kFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

}  // namespace ghostlens
