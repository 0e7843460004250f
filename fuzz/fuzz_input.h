#pragma once

// Shared by the fuzz targets: core's readers take paths, libFuzzer hands bytes.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <string>

#include "ghostlens/util/error_text.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens::fuzz {

/// This process's input files: this, followed by a suffix.
inline std::string inputStem() {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir ? dir : "/tmp") + "/ghostlens-fuzz-" + std::to_string(::getpid());
}

/// Writes the input to this process's own file (in TMPDIR, /dev/shm by scripts/fuzz.sh) and
/// returns its path. `suffix` matters where a reader looks at the name (".npy", ".gz").
inline std::string writeInput(const uint8_t* data, size_t size, const std::string& suffix) {
  const std::string path = inputStem() + suffix;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out.flush()) {
    std::fprintf(stderr, "fuzz: cannot write %s\n", path.c_str());
    std::abort();
  }
  return path;
}

/// Runs `read` on one input. Success and an InputError with a reason are both fine: that is
/// how a reader refuses a bad file. Any other exception (exit 1 in the CLI instead of exit 2), or
/// a refusal without text, is a finding: it aborts, and libFuzzer keeps the input.
template <class Read>
void expectReadOrRefusal(Read&& read) {
  try {
    read();
  } catch (const InputError& e) {
    if (std::string(e.what()).empty()) {
      std::fprintf(stderr, "fuzz: InputError without a reason\n");
      std::abort();
    }
  } catch (const std::exception&) {
    std::fprintf(stderr, "fuzz: not an InputError: %s\n",
                 errorText(std::current_exception()).c_str());
    std::abort();
  }
}

}  // namespace ghostlens::fuzz
