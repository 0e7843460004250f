#pragma once

#include <cstddef>
#include <string>

namespace ghostlens {

/// A whole file mapped read-only into memory, so readers can check every offset against its size
/// and copy only what they need. Throws InputError naming the file when it is missing,
/// not a regular file, or empty.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const unsigned char* data() const { return data_; }
  std::size_t size() const { return size_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  const unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace ghostlens
