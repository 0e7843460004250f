#include "ghostlens/data/fashion_mnist.h"

#include <torch/torch.h>
#include <zlib.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

/// Fashion-MNIST's largest file is 47 MB unpacked; a gzip bomb stops here instead of at the
/// end of memory.
constexpr std::size_t kMaxIdxBytes = std::size_t{256} << 20;

std::vector<unsigned char> readCompressed(const std::string& path) {
  // gzread reads plain files unchanged, so both forms are accepted.
  std::unique_ptr<gzFile_s, int (*)(gzFile)> file(gzopen(path.c_str(), "rb"), gzclose);
  if (!file) throw InputError("cannot open " + path);
  std::vector<unsigned char> bytes;
  unsigned char buffer[1 << 16];
  for (;;) {
    const int n = gzread(file.get(), buffer, sizeof buffer);
    if (n < 0) {
      int code = 0;
      throw InputError(path + ": corrupt gzip data (" + gzerror(file.get(), &code) + ")");
    }
    if (n == 0) break;
    if (bytes.size() + static_cast<std::size_t>(n) > kMaxIdxBytes) {
      throw InputError(path + ": unpacks to over " + std::to_string(kMaxIdxBytes >> 20) +
                       " MB; not a Fashion-MNIST file");
    }
    bytes.insert(bytes.end(), buffer, buffer + n);
  }
  return bytes;
}

uint32_t bigEndian(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

}  // namespace

torch::Tensor readIdxFile(const std::string& path) {
  const std::vector<unsigned char> bytes = readCompressed(path);
  if (bytes.size() < 4) throw InputError(path + ": too short for an IDX header");
  if (bytes[0] != 0 || bytes[1] != 0 || bytes[2] != 0x08 || bytes[3] < 1 || bytes[3] > 4) {
    throw InputError(path + ": not an unsigned-byte IDX file (bad magic number)");
  }
  const int dims = bytes[3];
  const std::size_t header = 4 + 4 * static_cast<std::size_t>(dims);
  if (bytes.size() < header) throw InputError(path + ": truncated IDX header");
  std::vector<int64_t> shape;
  int64_t count = 1;
  for (int i = 0; i < dims; ++i) {
    shape.push_back(bigEndian(&bytes[4 + 4 * i]));
    // Four 32-bit sizes can overflow 64 bits (found by fuzz/fuzz_idx.cpp).
    if (__builtin_mul_overflow(count, shape.back(), &count)) {
      throw InputError(path + ": its header declares more data than any file holds");
    }
  }
  if (bytes.size() - header != static_cast<std::size_t>(count)) {
    throw InputError(path + ": holds " + std::to_string(bytes.size() - header) +
                     " data bytes, its header declares " + std::to_string(count) +
                     " (truncated or corrupt)");
  }
  return torch::from_blob(const_cast<unsigned char*>(bytes.data() + header), {count}, torch::kUInt8)
      .clone()
      .view(shape);
}

FashionMnist::FashionMnist(const std::string& directory, Split split) {
  const std::string prefix = directory + (split == Split::Train ? "/train" : "/t10k");
  const std::string imagesPath = prefix + "-images-idx3-ubyte.gz";
  const std::string labelsPath = prefix + "-labels-idx1-ubyte.gz";
  images_ = readIdxFile(imagesPath);
  labels_ = readIdxFile(labelsPath);
  if (images_.dim() != 3 || images_.size(1) != 28 || images_.size(2) != 28) {
    throw InputError(imagesPath + ": expected N x 28 x 28 images");
  }
  if (labels_.dim() != 1 || labels_.size(0) != images_.size(0)) {
    throw InputError(labelsPath + ": label count does not match " + imagesPath);
  }
  if (labels_.max().item<int64_t>() > 9) throw InputError(labelsPath + ": label above 9");
  labels_ = labels_.to(torch::kInt64);
}

}  // namespace ghostlens
