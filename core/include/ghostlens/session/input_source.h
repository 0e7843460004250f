#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ghostlens {

/// The picture a model looks at, free of Torch so that the GUI can describe it.
struct InputSource {
  enum class Kind {
    FashionMnist,  ///< test image `index` of the Fashion-MNIST set in `directory`
    ImageFile,     ///< any image OpenCV reads, at `path`
    Pixels,        ///< 8-bit RGB pixels in memory (a pasted picture), row-major
  };
  Kind kind = Kind::FashionMnist;
  int64_t index = 0;
  std::string directory;  ///< FashionMnist; empty: the Debian package's
  std::string path;       ///< ImageFile
  int64_t width = 0, height = 0;
  std::vector<uint8_t> rgb;  ///< Pixels: height * width * 3 bytes

  static InputSource fashionMnist(int64_t index, const std::string& directory = {});
  static InputSource imageFile(const std::string& path);
  static InputSource pixels(int64_t width, int64_t height, std::vector<uint8_t> rgb);
  /// "Fashion-MNIST test #3", the file's path, or "pasted image 640x480".
  std::string label() const;

  bool operator==(const InputSource& other) const {
    return kind == other.kind && index == other.index && directory == other.directory &&
           path == other.path && width == other.width && height == other.height && rgb == other.rgb;
  }
  bool operator!=(const InputSource& other) const { return !(*this == other); }
};

}  // namespace ghostlens
