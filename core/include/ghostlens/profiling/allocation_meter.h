#pragma once

#include <cstdint>
#include <memory>

namespace ghostlens {

/// Measures the peak of the bytes of CPU tensors allocated on this thread while the meter lives
/// and not yet freed, through LibTorch's memory-reporting hook (the one its profiler's
/// profile_memory uses: c10::MemoryReportingInfoBase installed as this thread's PROFILER_STATE
/// debug info; LibTorch's default CPU allocator reports every allocation and its release to it).
///
/// It counts the tensors this thread allocates, which in a forward pass are every layer's
/// outputs and temporaries; buffers that worker threads allocate inside a parallel kernel, and
/// memory that libraries allocate themselves (OpenBLAS and oneDNN workspaces), are not counted.
/// Tensors made before the meter are not counted, and neither is their release.
class AllocationMeter {
 public:
  AllocationMeter();
  ~AllocationMeter();
  AllocationMeter(const AllocationMeter&) = delete;
  AllocationMeter& operator=(const AllocationMeter&) = delete;

  /// Highest bytes held at once since construction (>= 0).
  int64_t peakBytes() const;
  /// Bytes allocated since construction and still held.
  int64_t currentBytes() const;

 private:
  struct Reporter;
  std::shared_ptr<Reporter> reporter_;
  struct Guard;
  std::unique_ptr<Guard> guard_;
};

}  // namespace ghostlens
