#include "ghostlens/data/image_header.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <vector>

#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

/// JPEG headers sit before the image data; 4 MB covers EXIF, ICC and thumbnail segments.
constexpr std::size_t kHeaderBytes = std::size_t{4} << 20;

uint32_t bigEndian(const std::vector<unsigned char>& b, std::size_t at, std::size_t n) {
  uint32_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = (v << 8) | b[at + i];
  return v;
}

uint32_t littleEndian(const std::vector<unsigned char>& b, std::size_t at, std::size_t n) {
  uint32_t v = 0;
  for (std::size_t i = n; i-- > 0;) v = (v << 8) | b[at + i];
  return v;
}

std::optional<ImageSize> jpegSize(const std::vector<unsigned char>& b) {
  std::size_t at = 2;
  while (at + 4 <= b.size()) {
    if (b[at] != 0xFF) return std::nullopt;
    const unsigned marker = b[at + 1];
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
      at += 2;
      continue;
    }
    const std::size_t length = bigEndian(b, at + 2, 2);
    // Start of frame: every SOFn but DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      if (at + 9 > b.size()) return std::nullopt;
      return ImageSize{bigEndian(b, at + 7, 2), bigEndian(b, at + 5, 2)};
    }
    if (marker == 0xDA || length < 2) return std::nullopt;  // scan data before any frame
    at += 2 + length;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ImageSize> imageSizeFromHeader(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  // PNG and BMP state their size in the first 26 bytes; only a JPEG needs more.
  std::vector<unsigned char> b(32);
  in.read(reinterpret_cast<char*>(b.data()), static_cast<std::streamsize>(b.size()));
  b.resize(static_cast<std::size_t>(in.gcount()));
  if (b.size() >= 2 && b[0] == 0xFF && b[1] == 0xD8) {
    const std::size_t start = b.size();
    b.resize(kHeaderBytes);
    in.read(reinterpret_cast<char*>(b.data() + start),
            static_cast<std::streamsize>(b.size() - start));
    b.resize(start + static_cast<std::size_t>(in.gcount()));
  }
  static const unsigned char kPng[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (b.size() >= 24 && std::equal(std::begin(kPng), std::end(kPng), b.begin()) &&
      bigEndian(b, 12, 4) == 0x49484452) {  // "IHDR"
    return ImageSize{bigEndian(b, 16, 4), bigEndian(b, 20, 4)};
  }
  if (b.size() >= 4 && b[0] == 0xFF && b[1] == 0xD8) return jpegSize(b);
  if (b.size() >= 26 && b[0] == 'B' && b[1] == 'M') {
    const auto width = static_cast<int32_t>(littleEndian(b, 18, 4));
    const auto height = static_cast<int32_t>(littleEndian(b, 22, 4));
    return ImageSize{std::abs(static_cast<int64_t>(width)), std::abs(static_cast<int64_t>(height))};
  }
  return std::nullopt;
}

void checkImagePixels(const std::string& path) {
  const std::optional<ImageSize> size = imageSizeFromHeader(path);
  if (size && (size->width == 0 || size->height == 0)) {
    throw InputError(path + ": the image header says " + std::to_string(size->width) + "x" +
                     std::to_string(size->height) + " pixels");
  }
  // Each side first: two 32-bit sides overflow their product (found by fuzzing).
  if (size && (size->width > kMaxImagePixels || size->height > kMaxImagePixels ||
               size->width * size->height > kMaxImagePixels)) {
    throw InputError(path + ": the image is " + std::to_string(size->width) + "x" +
                     std::to_string(size->height) + " pixels, over the limit of " +
                     std::to_string(kMaxImagePixels) +
                     " (refused before decoding: it would take gigabytes of memory)");
  }
}

}  // namespace ghostlens
