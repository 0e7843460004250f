#pragma once

#include <stdexcept>

namespace ghostlens {

/// Bad input from a person or a file: a flag out of range, a file that is missing, corrupt or
/// of the wrong kind, a spec that cannot be built. Every loader and validator of core throws it,
/// with a one-line reason naming what was wrong; front ends turn it into exit code 2 (the CLI) or
/// a message (the GUI), while any other exception is a failure while working.
class InputError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

}  // namespace ghostlens
