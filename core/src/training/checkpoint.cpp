#include "ghostlens/training/checkpoint.h"

#include "ghostlens/io/mapped_file.h"
#include "ghostlens/io/zip_directory.h"
#include "ghostlens/models/ghost_plan.h"

#include <fcntl.h>
#include <torch/serialize.h>
#include <torch/torch.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "ghostlens/models/network.h"
#include "ghostlens/util/error_text.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

constexpr int64_t kFormat = 1;

/// Writes `bytes` to `path`.tmp, flushes it to disk, and renames it over `path`: a crash or a
/// failed write leaves the previous file whole. Throws std::runtime_error with errno's reason.
void writeFileAtomically(const std::string& path, const std::string& bytes) {
  const std::string temporary = path + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int failure = fd < 0 ? errno : 0;
  for (std::size_t done = 0; failure == 0 && done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) failure = n < 0 ? errno : EIO;
    if (n > 0) done += static_cast<std::size_t>(n);
  }
  if (failure == 0 && ::fsync(fd) != 0) failure = errno;
  if (fd >= 0 && ::close(fd) != 0 && failure == 0) failure = errno;
  if (failure == 0 && std::rename(temporary.c_str(), path.c_str()) != 0) failure = errno;
  if (failure != 0) {
    ::unlink(temporary.c_str());
    throw std::runtime_error("cannot write checkpoint " + path + ": " + std::strerror(failure) +
                             "; the previous checkpoint, if any, is intact");
  }
}

torch::serialize::InputArchive openArchive(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) {
    throw InputError("no such checkpoint: " + path);
  }
  {
    // LibTorch's reader does not check the members' CRC-32; ours does, before it reads any.
    const MappedFile file(path);
    const ZipDirectory directory(file.data(), file.size(), path);
    (void)directory.pytorchFolder();
  }
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(path);
  } catch (const std::exception&) {
    // c10::Error, and TorchScript's ErrorReport for a damaged type name (found by fuzzing); their
    // first line says what LibTorch could not read.
    throw InputError(path + ": not a readable checkpoint (LibTorch: " +
                     errorText(std::current_exception()) + ")");
  }
  return archive;
}

}  // namespace

void saveCheckpoint(const std::string& path, const ModelSpec& spec, NetworkImpl& model,
                    torch::optim::Optimizer* optimizer, int64_t epoch) {
  torch::serialize::OutputArchive archive;
  archive.write("ghostlens_format", c10::IValue(kFormat));
  archive.write("spec_arch", c10::IValue(architectureName(spec.arch)));
  archive.write("spec_width", c10::IValue(spec.width));
  archive.write("spec_ratio", c10::IValue(spec.ratio));
  archive.write("spec_dw", c10::IValue(spec.dw));
  archive.write("spec_input",
                c10::IValue(std::vector<int64_t>(spec.input.begin(), spec.input.end())));
  archive.write("spec_classes", c10::IValue(spec.classes));
  if (spec.hasPlan()) archive.write("spec_plan", c10::IValue(specPlanText(spec)));
  archive.write("epoch", c10::IValue(epoch));
  torch::serialize::OutputArchive weights;
  model.save(weights);
  archive.write("model", weights);
  if (optimizer != nullptr) {
    torch::serialize::OutputArchive state;
    optimizer->save(state);
    archive.write("optimizer", state);
  }
  // Serialised to memory first: LibTorch's file writer throws from its destructor when a write
  // fails (a full disk), which ends the process (found by tests/core/fault_test.cpp). Our own
  // write reports the failure and leaves the previous checkpoint alone.
  std::string bytes;
  archive.save_to([&bytes](const void* data, size_t size) {
    bytes.append(static_cast<const char*>(data), size);
    return size;
  });
  writeFileAtomically(path, bytes);
}

namespace {

CheckpointInfo readInfo(torch::serialize::InputArchive& archive, const std::string& path) {
  c10::IValue value;
  if (!archive.try_read("ghostlens_format", value)) {
    throw InputError(path + ": not a GhostLens checkpoint");
  }
  CheckpointInfo info;
  archive.read("spec_arch", value);
  const auto arch = parseArchitecture(value.toStringRef());
  if (!arch) throw InputError(path + ": unknown architecture " + value.toStringRef());
  info.spec.arch = *arch;
  archive.read("spec_width", value);
  info.spec.width = value.toDouble();
  archive.read("spec_ratio", value);
  info.spec.ratio = value.toInt();
  archive.read("spec_dw", value);
  info.spec.dw = value.toInt();
  archive.read("spec_input", value);
  const auto input = value.toIntVector();
  if (input.size() != 3) throw InputError(path + ": bad input shape");
  info.spec.input = {input[0], input[1], input[2]};
  archive.read("spec_classes", value);
  info.spec.classes = value.toInt();
  if (archive.try_read("spec_plan", value)) {
    if (!value.isString()) throw InputError(path + ": bad per-layer plan");
    setSpecPlan(info.spec, value.toStringRef(), path);
  }
  archive.read("epoch", value);
  info.epoch = value.toInt();
  validateSpec(info.spec);
  return info;
}

}  // namespace

CheckpointInfo readCheckpointInfo(const std::string& path) {
  torch::serialize::InputArchive archive = openArchive(path);
  // A record missing or of another type is a file that only looks like a checkpoint.
  try {
    return readInfo(archive, path);
  } catch (const InputError&) {
    throw;
  } catch (const std::exception&) {
    throw InputError(path + ": not a GhostLens checkpoint (" +
                     errorText(std::current_exception()).substr(0, 160) + ")");
  }
}

void loadCheckpoint(const std::string& path, NetworkImpl& model,
                    torch::optim::Optimizer* optimizer) {
  torch::serialize::InputArchive archive = openArchive(path);
  // Module::load replaces a tensor of another shape without a word; compare afterwards.
  std::vector<std::pair<std::string, std::vector<int64_t>>> shapes;
  for (const auto& p : model.named_parameters())
    shapes.emplace_back(p.key(), p.value().sizes().vec());
  for (const auto& b : model.named_buffers()) shapes.emplace_back(b.key(), b.value().sizes().vec());
  try {
    torch::serialize::InputArchive weights;
    archive.read("model", weights);
    model.load(weights);
    const auto params = model.named_parameters();
    const auto buffers = model.named_buffers();
    for (const auto& [name, shape] : shapes) {
      const torch::Tensor* now = params.find(name);
      if (now == nullptr) now = buffers.find(name);
      if (now == nullptr || now->sizes().vec() != shape) {
        throw InputError(path + ": does not fit this model ('" + name + "' has another shape)");
      }
    }
    if (optimizer != nullptr) {
      torch::serialize::InputArchive state;
      archive.read("optimizer", state);
      optimizer->load(state);
    }
  } catch (const InputError&) {
    throw;
  } catch (const std::exception&) {
    throw InputError(path + ": does not fit this model (" +
                     errorText(std::current_exception()).substr(0, 160) + ")");
  }
}

}  // namespace ghostlens
