#include "ghostlens/io/zip_directory.h"

#include <zlib.h>
#include <cstring>

#include <algorithm>
#include <stdexcept>

#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

/// Inflates a raw deflate stream that should give `outSize` bytes, handing each piece to
/// `sink(bytes, n)`; false for a damaged stream or another length (no bomb gets far: it stops
/// one buffer past `outSize`).
template <typename Sink>
bool inflateRaw(const unsigned char* in, uint64_t inSize, uint64_t outSize, Sink sink) {
  z_stream stream{};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) return false;
  unsigned char buffer[1 << 15];
  uint64_t produced = 0;
  stream.next_in = const_cast<unsigned char*>(in);
  int rc = Z_OK;
  uint64_t left = inSize;
  while (rc == Z_OK && produced <= outSize) {
    if (stream.avail_in == 0 && left > 0) {
      const auto chunk = static_cast<uInt>(std::min<uint64_t>(left, 1u << 30));
      stream.avail_in = chunk;
      left -= chunk;
    }
    stream.next_out = buffer;
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    const auto n = static_cast<uint64_t>(sizeof buffer - stream.avail_out);
    produced += n;
    if (produced <= outSize) sink(buffer, n);
    if (rc == Z_BUF_ERROR && stream.avail_in == 0 && left == 0) break;
  }
  inflateEnd(&stream);
  return rc == Z_STREAM_END && produced == outSize;
}

/// Inflates a deflated member (method 8) and compares its length and CRC-32 with the directory's;
/// false for any other method, a damaged stream, or more bytes than declared.
bool inflatedCrcHolds(const unsigned char* in, uint64_t inSize, uint64_t method, uint64_t outSize,
                      uint64_t crc) {
  if (method != 8) return false;
  uLong sum = crc32_z(0L, nullptr, 0);
  const bool whole = inflateRaw(in, inSize, outSize, [&sum](const unsigned char* b, uint64_t n) {
    sum = crc32_z(sum, b, static_cast<z_size_t>(n));
  });
  return whole && sum == crc;
}

constexpr uint32_t kEndOfDirectory = 0x06054b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kZip64End = 0x06064b50;
constexpr uint32_t kDirectoryEntry = 0x02014b50;
constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr std::size_t kEndSize = 22, kEntrySize = 46, kLocalSize = 30;

class Bytes {
 public:
  Bytes(const unsigned char* data, std::size_t size, const std::string& what)
      : data_(data), size_(size), what_(what) {}
  [[noreturn]] void fail(const std::string& message) const {
    throw InputError(what_ + ": " + message);
  }
  /// Throws unless [at, at + n) lies in the file.
  void check(uint64_t at, uint64_t n) const {
    if (at > size_ || n > size_ - at) fail("truncated or corrupt zip archive");
  }
  /// The little-endian number of n <= 8 bytes at `at`.
  uint64_t read(uint64_t at, std::size_t n) const {
    check(at, n);
    uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(data_[at + i]) << (8 * i);
    return v;
  }
  std::size_t size() const { return size_; }
  const unsigned char* data() const { return data_; }

 private:
  const unsigned char* data_;
  std::size_t size_;
  const std::string& what_;
};

}  // namespace

ZipDirectory::ZipDirectory(const unsigned char* data, std::size_t size, const std::string& what)
    : what_(what) {
  const Bytes file(data, size, what);
  if (size < kEndSize) file.fail("truncated zip archive (no end of central directory)");
  // The end record sits in the last 22 + 65535 (comment) bytes.
  uint64_t end = 0;
  bool found = false;
  const uint64_t lowest = size > kEndSize + 0xFFFF ? size - kEndSize - 0xFFFF : 0;
  for (uint64_t at = size - kEndSize + 1; at-- > lowest;) {
    if (file.read(at, 4) == kEndOfDirectory) {
      end = at;
      found = true;
      break;
    }
  }
  if (!found) file.fail("truncated zip archive (no end of central directory)");
  uint64_t count = file.read(end + 10, 2);
  uint64_t directory = file.read(end + 16, 4);
  if (end >= 20 && file.read(end - 20, 4) == kZip64Locator) {
    const uint64_t zip64 = file.read(end - 12, 8);
    if (file.read(zip64, 4) != kZip64End) file.fail("corrupt zip64 directory");
    count = file.read(zip64 + 32, 8);
    directory = file.read(zip64 + 48, 8);
  }
  if (count > size / kEntrySize)
    file.fail("zip directory claims more entries than fit in the file");

  uint64_t at = directory;
  for (uint64_t i = 0; i < count; ++i) {
    if (file.read(at, 4) != kDirectoryEntry) file.fail("corrupt zip central directory");
    const uint64_t flags = file.read(at + 8, 2);
    const uint64_t method = file.read(at + 10, 2);
    const uint64_t crc = file.read(at + 16, 4);
    uint64_t compressed = file.read(at + 20, 4);
    uint64_t stored = file.read(at + 24, 4);
    const uint64_t nameLength = file.read(at + 28, 2);
    const uint64_t extraLength = file.read(at + 30, 2);
    const uint64_t commentLength = file.read(at + 32, 2);
    uint64_t local = file.read(at + 42, 4);
    file.check(at + kEntrySize, nameLength + extraLength);
    ZipEntry entry;
    entry.name.assign(reinterpret_cast<const char*>(data + at + kEntrySize), nameLength);
    // zip64 sizes and offset live in extra field 0x0001, in this order, when the 32-bit ones
    // are saturated.
    for (uint64_t x = at + kEntrySize + nameLength;
         x + 4 <= at + kEntrySize + nameLength + extraLength;) {
      const uint64_t id = file.read(x, 2), length = file.read(x + 2, 2);
      uint64_t field = x + 4;
      if (id == 0x0001) {
        for (uint64_t* value : {&stored, &compressed, &local}) {
          if (*value == 0xFFFFFFFF && field + 8 <= x + 4 + length) {
            *value = file.read(field, 8);
            field += 8;
          }
        }
      }
      x += 4 + length;
    }
    if (flags & 1) file.fail("encrypted zip member " + entry.name);
    entry.compressed = method != 0 || compressed != stored;
    if (file.read(local, 4) != kLocalHeader) file.fail("corrupt zip member " + entry.name);
    const uint64_t localNameLength = file.read(local + 26, 2);
    const uint64_t dataOffset = local + kLocalSize + localNameLength + file.read(local + 28, 2);
    // The name is written twice, in the member's own header and in the directory; no CRC covers
    // either. Two that differ are a damaged file, which LibTorch's reader would otherwise take
    // to its TorchScript parser (found by fuzzing).
    file.check(local + kLocalSize, localNameLength);
    if (localNameLength != nameLength ||
        std::memcmp(data + local + kLocalSize, entry.name.data(), nameLength) != 0) {
      file.fail("zip member " + entry.name +
                " is named differently in its own header: the file is corrupt");
    }
    if (dataOffset > size || compressed > size - dataOffset) {
      file.fail("zip member " + entry.name + " (" + std::to_string(compressed) +
                " bytes) runs past the end of the file");
    }
    entry.size = compressed;
    entry.inflatedSize = stored;
    entry.dataOffset = dataOffset;
    // Every stored member's bytes against the CRC-32 the writer recorded: a flipped bit in a
    // weight is a corrupt file, not a model that loads and computes something else.
    // Compressed members (TorchScript's code files in a checkpoint) are inflated to check
    // theirs: damaged code reached LibTorch's TorchScript parser, which crashed on it (found by
    // fuzzing).
    const bool crcHolds =
        entry.compressed ? inflatedCrcHolds(data + dataOffset, compressed, method, stored, crc)
                         : crc32_z(0L, data + dataOffset, static_cast<z_size_t>(compressed)) == crc;
    if (!crcHolds) {
      file.fail("zip member " + entry.name +
                " fails its CRC-32 check: the file is corrupt (damaged or altered)");
    }
    byName_.emplace(entry.name, entries_.size());
    entries_.push_back(std::move(entry));
    at += kEntrySize + nameLength + extraLength + commentLength;
  }
}

const ZipEntry* ZipDirectory::findSuffix(const std::string& suffix) const {
  const auto found = std::find_if(entries_.begin(), entries_.end(), [&](const ZipEntry& e) {
    return e.name.size() >= suffix.size() &&
           e.name.compare(e.name.size() - suffix.size(), suffix.size(), suffix) == 0;
  });
  return stored(found == entries_.end() ? nullptr : &*found);
}

std::string ZipDirectory::pytorchFolder() const {
  const std::size_t slash = entries_.empty() ? std::string::npos : entries_[0].name.find('/');
  const std::string folder =
      slash == std::string::npos ? std::string() : entries_[0].name.substr(0, slash + 1);
  if (folder.empty() ||
      (find(folder + "version") == nullptr && find(folder + ".data/version") == nullptr)) {
    throw InputError(what_ +
                     ": a zip archive without a PyTorch version record: not a PyTorch file");
  }
  return folder;
}

std::string ZipDirectory::contents(const unsigned char* data, const ZipEntry& entry,
                                   uint64_t limit) const {
  if (entry.inflatedSize > limit) {
    throw InputError(what_ + ": zip member " + entry.name + " holds " +
                     std::to_string(entry.inflatedSize) + " bytes, more than the " +
                     std::to_string(limit) + " it may");
  }
  std::string out;
  out.reserve(static_cast<std::size_t>(entry.inflatedSize));
  if (!entry.compressed) {
    out.assign(reinterpret_cast<const char*>(data + entry.dataOffset),
               static_cast<std::size_t>(entry.size));
    return out;
  }
  // The constructor checked the stream and its CRC-32: it inflates to inflatedSize bytes.
  inflateRaw(data + entry.dataOffset, entry.size, entry.inflatedSize,
             [&out](const unsigned char* b, uint64_t n) {
               out.append(reinterpret_cast<const char*>(b), static_cast<std::size_t>(n));
             });
  return out;
}

const ZipEntry* ZipDirectory::find(const std::string& name) const {
  const auto found = byName_.find(name);
  return stored(found == byName_.end() ? nullptr : &entries_[found->second]);
}

const ZipEntry* ZipDirectory::stored(const ZipEntry* entry) const {
  if (entry != nullptr && entry->compressed) {
    throw InputError(what_ + ": compressed zip member " + entry->name +
                     " (PyTorch stores it uncompressed; this is not a PyTorch file)");
  }
  return entry;
}

}  // namespace ghostlens
