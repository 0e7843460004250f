#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "ghostlens/io/pickle_document.h"

namespace ghostlens {

/// Reads one Python pickle (protocols 0-5 as far as torch.save, TorchScript archives and training
/// scripts use them) into a PickleDocument, and runs nothing.
///
/// Unlike Python's unpickler, which calls whatever callable a pickle names (a `.pth` can run
/// `os.system`), this one knows a fixed list of globals and only builds data from them:
/// `collections.OrderedDict`, `torch._utils._rebuild_tensor_v2` / `_rebuild_tensor` /
/// `_rebuild_parameter`, the `torch.*Storage` types, TorchScript's `torch.jit._pickle.build_*list`
/// and `__torch__.*` module classes, and inert data holders found in training checkpoints
/// (`argparse.Namespace`, numpy scalars and arrays, `torch.device`, `torch.Size`). Any other
/// global is refused with its name, before anything is built from it.
///
/// Every length is checked against the bytes left before it is read, and the number of values is
/// bounded, so a truncated, corrupt or lying pickle is an InputError, never a crash, a
/// hang or a huge allocation. Tensors come back as TensorRecords (nothing of their data is read);
/// their sizes and strides are checked against the storage element count the pickle states.
class Unpickler {
 public:
  /// At most this many values per pickle (about 120 bytes each): a ResNet-50 state dict has
  /// about 5,000, a hostile pickle of a few MB could otherwise ask for gigabytes.
  static constexpr std::size_t kMaxValues = 1'000'000;

  /// @param data the bytes of the pickle (and possibly more after its STOP opcode)
  /// @param size their count
  /// @param what names the pickle in messages ("model.pth: data.pkl")
  Unpickler(const unsigned char* data, std::size_t size, std::string what);

  /// Reads up to and including STOP. @return the document, whose root is the pickled object.
  PickleDocument read();
  /// Bytes consumed by read(), STOP included (legacy files hold several pickles in a row).
  std::size_t consumed() const { return pos_; }

 private:
  const unsigned char* data_;
  std::size_t size_;
  std::string what_;
  std::size_t pos_ = 0;
};

}  // namespace ghostlens
