#include "ghostlens/session/input_source.h"

namespace ghostlens {

InputSource InputSource::fashionMnist(int64_t index, const std::string& directory) {
  InputSource source;
  source.kind = Kind::FashionMnist;
  source.index = index;
  source.directory = directory;
  return source;
}

InputSource InputSource::imageFile(const std::string& path) {
  InputSource source;
  source.kind = Kind::ImageFile;
  source.path = path;
  return source;
}

InputSource InputSource::pixels(int64_t width, int64_t height, std::vector<uint8_t> rgb) {
  InputSource source;
  source.kind = Kind::Pixels;
  source.width = width;
  source.height = height;
  source.rgb = std::move(rgb);
  return source;
}

std::string InputSource::label() const {
  switch (kind) {
    case Kind::FashionMnist:
      return "Fashion-MNIST test #" + std::to_string(index);
    case Kind::ImageFile:
      return path;
    case Kind::Pixels:
      return "pasted image " + std::to_string(width) + "x" + std::to_string(height);
  }
  return {};
}

}  // namespace ghostlens
