#pragma once

namespace ghostlens {

/// This machine's roofline, measured at the current LibTorch thread count: the rate of a large
/// single-precision matrix product (the compute roof) and of a large copy (the memory roof).
struct MachinePeak {
  double sgemmGmacs = 0;  ///< multiply-accumulates per second / 1e9, 1024^3 SGEMM, median
  double copyGbytes = 0;  ///< bytes read + written per second / 1e9, 256 MiB copy, median
  int threads = 1;
};

/// Takes about a second: 10 products of two 1024 x 1024 float matrices and 5 copies of a
/// 256 MiB float tensor, each kind after one untimed run; the medians.
MachinePeak measureMachinePeak();

}  // namespace ghostlens
