#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ghostlens {

/// Images with more pixels than this are refused before they are decoded: a 30000x30000 PNG of
/// 855 KB decodes to gigabytes (a "decompression bomb"). 2^27 is 134 megapixels, above any camera.
constexpr int64_t kMaxImagePixels = int64_t{1} << 27;

struct ImageSize {
  int64_t width = 0, height = 0;
};

/// The width and height a PNG, JPEG or BMP file states in its header, read without decoding
/// the image; nullopt for other formats or a header that cannot be parsed (the decoder then
/// reports the problem).
std::optional<ImageSize> imageSizeFromHeader(const std::string& path);

/// Throws InputError naming the file when its header states more than kMaxImagePixels pixels.
void checkImagePixels(const std::string& path);

}  // namespace ghostlens
