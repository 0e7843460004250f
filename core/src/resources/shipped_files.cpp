#include "ghostlens/resources/shipped_files.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace ghostlens {

namespace {

std::string existing(const std::filesystem::path& path) {
  if (!std::filesystem::is_regular_file(path)) {
    throw std::runtime_error(path.string() +
                             " is missing; `bash scripts/train-defaults.sh` makes it");
  }
  return path.string();
}

}  // namespace

std::string resourceDirectory() {
  if (const char* dir = std::getenv("GHOSTLENS_RESOURCES"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return GHOSTLENS_RESOURCE_DIR;
}

ShippedPair shippedPair() {
  const std::filesystem::path models = std::filesystem::path(resourceDirectory()) / "models";
  return {existing(models / "vgg16_w0.25_vanilla.pt"), existing(models / "vgg16_w0.25_s2_d3.pt")};
}

std::string imageNetClassesPath() {
  const std::filesystem::path path =
      std::filesystem::path(resourceDirectory()) / "imagenet" / "classes.txt";
  if (!std::filesystem::is_regular_file(path)) {
    throw std::runtime_error(path.string() +
                             " is missing; `/usr/bin/python3 scripts/make-imagenet-classes.py` "
                             "makes it");
  }
  return path.string();
}

std::string shippedSweepPath() {
  return existing(std::filesystem::path(resourceDirectory()) / "sweep" /
                  "fashion_mnist_vgg16.json");
}

std::string shippedAdvisedPath() {
  return existing(std::filesystem::path(resourceDirectory()) / "sweep" / "advised_vgg16.json");
}

}  // namespace ghostlens
