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

std::filesystem::path executableDirectory() {
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) throw std::runtime_error("cannot tell where this program is: " + error.message());
  return exe.parent_path();
}

std::string resourceDirectory() {
  if (const char* dir = std::getenv("GHOSTLENS_RESOURCES"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  // Looked up from the executable, never a path compiled in: the build tree links resources/
  // next to each binary, an install puts them under <prefix>/share/ghostlens.
  const std::filesystem::path exe = executableDirectory();
  const std::filesystem::path candidates[] = {exe / "resources",
                                              exe / GHOSTLENS_INSTALLED_RESOURCES};
  for (const std::filesystem::path& candidate : candidates) {
    if (std::filesystem::is_directory(candidate)) return candidate.lexically_normal().string();
  }
  throw std::runtime_error("GhostLens' resources are in neither " + candidates[0].string() +
                           " nor " + candidates[1].lexically_normal().string() +
                           "; set GHOSTLENS_RESOURCES to the folder that holds them");
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
