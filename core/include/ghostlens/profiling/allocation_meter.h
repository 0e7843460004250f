#pragma once

#include <cstdint>

namespace ghostlens {

/// Measures the peak of the bytes LibTorch's CPU allocator holds while the meter lives, above
/// what it held when the meter was made. The first meter installs a counting allocator in front
/// of LibTorch's default CPU allocator for the rest of the process (tensors made under it must
/// find their deleter later); it adds two atomic updates to every tensor allocation.
///
/// It counts every thread's allocations: a forward pass measured while another thread computes
/// includes that thread's tensors. Memory that libraries allocate themselves (OpenBLAS and
/// oneDNN workspaces) is not a tensor and is not counted.
class AllocationMeter {
 public:
  AllocationMeter();
  AllocationMeter(const AllocationMeter&) = delete;
  AllocationMeter& operator=(const AllocationMeter&) = delete;

  /// Highest bytes held since construction, minus those held at construction (>= 0).
  int64_t peakBytes() const;
  /// Bytes held now, minus those held at construction (may be negative).
  int64_t currentBytes() const;

 private:
  int64_t baseline_;
};

}  // namespace ghostlens
