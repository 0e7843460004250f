#include "ghostlens/session/model_source.h"

#include <filesystem>

#include "ghostlens/resources/shipped_files.h"

namespace ghostlens {

ModelSource ModelSource::untrained(const ModelSpec& spec, uint64_t seed) {
  ModelSource source;
  source.kind = Kind::Untrained;
  source.spec = spec;
  source.seed = seed;
  return source;
}

ModelSource ModelSource::file(const std::string& path, const SpecHints& hints) {
  ModelSource source;
  source.kind = Kind::File;
  source.path = path;
  source.hints = hints;
  return source;
}

bool ModelSource::operator==(const ModelSource& other) const {
  if (kind != other.kind) return false;
  if (kind == Kind::Untrained) return spec == other.spec && seed == other.seed;
  return path == other.path && hints == other.hints;
}

std::string ModelSource::label() const {
  if (kind == Kind::Untrained) {
    return "untrained " + describeSpec(spec) + (seed != 0 ? " seed " + std::to_string(seed) : "");
  }
  return std::filesystem::path(path).filename().string();
}

PairSource PairSource::shipped() {
  const ShippedPair pair = shippedPair();
  return {ModelSource::file(pair.vanilla), ModelSource::file(pair.ghost)};
}

PairSource PairSource::untrained(const ModelSpec& ghost, uint64_t seed) {
  ModelSpec vanilla = ghost;
  vanilla.ratio = 1;
  return {ModelSource::untrained(vanilla, seed), ModelSource::untrained(ghost, seed)};
}

}  // namespace ghostlens
