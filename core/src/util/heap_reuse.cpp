#include "ghostlens/util/heap_reuse.h"

#include <malloc.h>

namespace ghostlens {

void reuseFreedHeapMemory() {
  // Setting either turns off glibc's own adjustment of the threshold, which only ever rises
  // after a mapped block is freed and stayed too low for a CNN's activations here.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
}

}  // namespace ghostlens
