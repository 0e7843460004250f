#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace ghostlens {

/// One member of a zip archive, as its central directory and local header state it.
struct ZipEntry {
  std::string name;
  uint64_t size = 0;          ///< bytes of the member as stored in the archive
  uint64_t inflatedSize = 0;  ///< bytes once inflated (`size` for a stored member)
  uint64_t dataOffset = 0;    ///< where its bytes start in the archive
  bool compressed = false;    ///< deflated: its real size is unknown until it is inflated
};

/// The members of a zip archive written by torch.save or torch::serialize, read from the central
/// directory and checked before LibTorch's PyTorchStreamReader reads any of them: that reader
/// allocates what an entry claims to hold before it looks, so a lying or compressed ("zip bomb")
/// entry would cost gigabytes. PyTorch stores the members GhostLens reads (data.pkl, the storages,
/// version) uncompressed; a compressed one of those is refused when it is looked up.
class ZipDirectory {
 public:
  /// @param data, size the whole archive  @param what its name, for messages
  /// Throws InputError for a truncated or corrupt archive, an encrypted member, a member that
  /// reaches past the end of the file, or a stored member whose bytes fail the CRC-32 of the
  /// central directory.
  ZipDirectory(const unsigned char* data, std::size_t size, const std::string& what);

  const std::vector<ZipEntry>& entries() const { return entries_; }
  /// The entry whose name ends in `suffix` (e.g. "/data.pkl"); nullptr when none does.
  /// Throws InputError when that entry is compressed.
  const ZipEntry* findSuffix(const std::string& suffix) const;
  /// The bytes of `entry` (inflated when it is compressed) of the archive at `data`, the one
  /// this directory was read from. Throws InputError when it holds more than `limit` bytes.
  std::string contents(const unsigned char* data, const ZipEntry& entry, uint64_t limit) const;
  /// The entry of exactly this name, in constant time; as findSuffix otherwise.
  const ZipEntry* find(const std::string& name) const;
  /// The folder of a PyTorch archive ("archive/"): the first member's, holding a version record
  /// (LibTorch's reader needs both, and leaks when it refuses a file without: found by fuzzing).
  /// Throws InputError naming the file otherwise.
  std::string pytorchFolder() const;

 private:
  const ZipEntry* stored(const ZipEntry* entry) const;

  std::string what_;
  std::vector<ZipEntry> entries_;
  std::unordered_map<std::string, std::size_t> byName_;
};

}  // namespace ghostlens
