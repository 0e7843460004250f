// readTorchFile on safetensors files whose header lies (issue 26: the stride arithmetic).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "ghostlens/io/torch_file.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {
namespace {

/// A safetensors file of one F32 tensor named "w" with `shape` (JSON) and `data` bytes.
std::string writeSafetensors(const std::string& name, const std::string& shape,
                             const std::string& data) {
  const std::string header = R"({"w":{"dtype":"F32","shape":)" + shape + R"(,"data_offsets":[0,)" +
                             std::to_string(data.size()) + "]}}";
  const auto path = std::filesystem::temp_directory_path() /
                    ("ghostlens_" + std::to_string(::getpid()) + "_" + name + ".safetensors");
  std::ofstream out(path, std::ios::binary);
  const uint64_t length = header.size();
  for (int i = 0; i < 8; ++i) out.put(static_cast<char>((length >> (8 * i)) & 0xff));
  out << header << data;
  return path.string();
}

std::string refusal(const std::string& path) {
  try {
    readTorchFile(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(Safetensors, AShapeWhoseStridesOverflowIsRefused) {
  // numel 0 (an empty dimension), so the byte count matches an empty data block, but the other
  // two dimensions' product is 2^80: its strides cannot be computed in 64 bits.
  const std::string path = writeSafetensors("strides", "[0,1099511627776,1099511627776]", "");
  const std::string why = refusal(path);
  EXPECT_NE(why.find(path), std::string::npos) << why;
  EXPECT_NE(why.find("tensor 'w': shape overflows"), std::string::npos) << why;
  std::filesystem::remove(path);
}

TEST(Safetensors, AnEmptyTensorWithSmallSidesIsRead) {
  const std::string path = writeSafetensors("empty", "[0,3,4]", "");
  const TorchFile file = readTorchFile(path);
  ASSERT_EQ(file.tensors.size(), 1u);
  EXPECT_EQ(file.tensors[0].sizes(), (std::vector<int64_t>{0, 3, 4}));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace ghostlens
