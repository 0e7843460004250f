#pragma once

namespace ghostlens {

/// Makes the C library keep freed tensor memory for the next pass instead of returning it to the
/// kernel. glibc serves blocks above its mmap threshold (128 KB at first) with mmap and unmaps
/// them when freed, and trims the heap above 128 KB of free space; every forward pass then
/// page-faults its activations in afresh. Measured with `ghostlens-cli --threads 1 profile --model
/// ghostnet --width 0.5 --input 3,128,128 --repeat 20`, the program without and with this call
/// alternated for 9 rounds: median forward time ratio 0.68 (blocks up to 32 MB reused, 128 MB of
/// free heap kept), and the profile's per-layer rows add up to the forward again (they missed
/// 28% of it before). Call once, first thing in main(); the programs call it, the libraries and
/// the test programs do not.
void reuseFreedHeapMemory();

}  // namespace ghostlens
