#include "ghostlens/profiling/allocation_meter.h"

#include <c10/core/CPUAllocator.h>

#include <algorithm>
#include <atomic>
#include <mutex>

namespace ghostlens {

namespace {

std::atomic<int64_t> liveBytes{0};
std::atomic<int64_t> peakLiveBytes{0};

/// Kept in front of each block, so that the data pointer is its own context (raw_allocate()
/// needs that) and the deleter finds the size and the inner allocation from the pointer alone.
struct alignas(64) BlockHeader {
  void* innerContext;
  c10::DeleterFnPtr innerDeleter;
  int64_t bytes;
};

void countedDelete(void* data) {
  auto* header = reinterpret_cast<BlockHeader*>(static_cast<char*>(data) - sizeof(BlockHeader));
  liveBytes.fetch_sub(header->bytes, std::memory_order_relaxed);
  header->innerDeleter(header->innerContext);
}

class CountingAllocator final : public c10::Allocator {
 public:
  explicit CountingAllocator(c10::Allocator* inner) : inner_(inner) {}

  c10::DataPtr allocate(size_t n) const override {
    c10::DataPtr block = inner_->allocate(n + sizeof(BlockHeader));
    auto* header = static_cast<BlockHeader*>(block.get());
    header->bytes = static_cast<int64_t>(n);
    header->innerDeleter = block.get_deleter();
    header->innerContext = block.release_context();
    const int64_t now =
        liveBytes.fetch_add(header->bytes, std::memory_order_relaxed) + header->bytes;
    int64_t peak = peakLiveBytes.load(std::memory_order_relaxed);
    while (now > peak && !peakLiveBytes.compare_exchange_weak(peak, now)) {
    }
    void* data = header + 1;
    return {data, data, &countedDelete, c10::Device(c10::DeviceType::CPU)};
  }

  c10::DeleterFnPtr raw_deleter() const override { return &countedDelete; }

 private:
  c10::Allocator* inner_;
};

std::mutex meterMutex;

void installOnce() {
  static std::once_flag installed;
  std::call_once(installed, [] {
    static CountingAllocator counting(c10::GetCPUAllocator());
    c10::SetCPUAllocator(&counting, /*priority=*/100);
  });
}

}  // namespace

AllocationMeter::AllocationMeter() {
  installOnce();
  const std::lock_guard<std::mutex> lock(meterMutex);
  baseline_ = liveBytes.load();
  peakLiveBytes.store(baseline_);
}

int64_t AllocationMeter::peakBytes() const {
  return std::max<int64_t>(0, peakLiveBytes.load() - baseline_);
}

int64_t AllocationMeter::currentBytes() const { return liveBytes.load() - baseline_; }

}  // namespace ghostlens
