#include "ghostlens/data/image_folder_batch.h"

#include <torch/torch.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <vector>

#include "ghostlens/data/model_input.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

bool hasImageExtension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* known :
       {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".pgm", ".ppm", ".pnm"}) {
    if (ext == known) return true;
  }
  return false;
}

}  // namespace

torch::Tensor imageFolderBatch(const std::string& folder, int64_t count, const ModelSpec& spec) {
  if (count < 1) throw InputError("the number of images must be at least 1");
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    throw InputError("no such image folder: " + folder);
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.is_regular_file() && hasImageExtension(entry.path())) files.push_back(entry.path());
  }
  if (error) throw InputError("cannot list " + folder + ": " + error.message());
  if (static_cast<int64_t>(files.size()) < count) {
    throw InputError(folder + " has " + std::to_string(files.size()) + " images, " +
                     std::to_string(count) + " asked for");
  }
  std::sort(files.begin(), files.end());
  std::vector<torch::Tensor> images;
  for (int64_t i = 0; i < count; ++i) {
    images.push_back(loadImageInput(files[static_cast<std::size_t>(i)].string(), spec));
  }
  return torch::cat(images, 0);
}

}  // namespace ghostlens
