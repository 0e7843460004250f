// The libFuzzer entry of every target: built once per target with GHOSTLENS_FUZZ_TARGET naming
// it (fuzz/CMakeLists.txt); what each target reads is in fuzz_targets.h.
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ghostlens::fuzz::TargetFunction target =
      ghostlens::fuzz::targets().at(GHOSTLENS_FUZZ_TARGET);
  target(data, size);
  return 0;
}
