#include "ghostlens/profiling/allocation_meter.h"

#include <c10/core/Allocator.h>
#include <c10/util/ThreadLocalDebugInfo.h>

#include <algorithm>

namespace ghostlens {

struct AllocationMeter::Reporter final : public c10::MemoryReportingInfoBase {
  void reportMemoryUsage(void* /*ptr*/, int64_t allocSize, int64_t /*totalAllocated*/,
                         int64_t /*totalReserved*/, c10::Device device) override {
    if (!device.is_cpu()) return;
    current += allocSize;  // negative for a release
    peak = std::max(peak, current);
  }
  bool memoryProfilingEnabled() const override { return true; }

  int64_t current = 0;
  int64_t peak = 0;
};

struct AllocationMeter::Guard {
  explicit Guard(std::shared_ptr<c10::DebugInfoBase> info)
      : guard(c10::DebugInfoKind::PROFILER_STATE, std::move(info)) {}
  c10::DebugInfoGuard guard;
};

AllocationMeter::AllocationMeter()
    : reporter_(std::make_shared<Reporter>()), guard_(std::make_unique<Guard>(reporter_)) {}

AllocationMeter::~AllocationMeter() = default;

int64_t AllocationMeter::peakBytes() const { return reporter_->peak; }

int64_t AllocationMeter::currentBytes() const { return reporter_->current; }

}  // namespace ghostlens
