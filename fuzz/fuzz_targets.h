#pragma once

// What each fuzz target does with one input, shared by the libFuzzer programs (fuzz_NAME.cpp)
// and the suite's replay of every input they found (tests/core/fuzz_findings_test.cpp).

#include <torch/torch.h>
#include <unistd.h>

#include <cstdint>
#include <map>
#include <string>

#include "fuzz_input.h"
#include "ghostlens/data/activation_file.h"
#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/io/npy_file.h"
#include "ghostlens/io/weights_file.h"
#include "ghostlens/models/ghost_plan.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/store/ablation_series.h"
#include "ghostlens/store/experiment_store.h"
#include "ghostlens/training/checkpoint.h"

namespace ghostlens::fuzz {

/// Reads at most this many values of a tensor: zero-stride views may declare far more than
/// their storage holds. The last slices are read, which hold the element furthest into it.
inline void touch(torch::Tensor t) {
  constexpr int64_t kMaxRead = int64_t{1} << 22;
  while (t.numel() > kMaxRead) t = t.select(0, t.size(0) - 1);
  if (t.numel() > 0) (void)t.to(torch::kDouble).sum().item<double>();
}

/// torch.save zip and legacy files, safetensors, GhostLens checkpoints: readWeightsFile, and
/// every tensor it returns read.
inline void weightsInput(const uint8_t* data, size_t size) {
  const std::string path = writeInput(data, size, ".pth");
  expectReadOrRefusal([&] {
    for (const auto& entry : readWeightsFile(path).stateDict.entries) touch(entry.second);
  });
}

/// numpy .npy files: readNpy, and the tensor it returns read.
inline void npyInput(const uint8_t* data, size_t size) {
  const std::string path = writeInput(data, size, ".npy");
  expectReadOrRefusal([&] { touch(readNpy(path)); });
}

/// Activation files (`analyze --activations`): the first byte picks ".npy" or ".pt" for the name.
inline void activationsInput(const uint8_t* data, size_t size) {
  if (size == 0) return;
  const std::string path = writeInput(data + 1, size - 1, (data[0] & 1) ? ".npy" : ".pt");
  expectReadOrRefusal([&] {
    for (const auto& layer : loadActivations(path)) touch(layer.maps);
  });
}

/// GhostLens checkpoints as resume and export-weights read them: the info, then the model its
/// spec describes, then loadCheckpoint (LibTorch's reader, after our CRC check).
inline void checkpointInput(const uint8_t* data, size_t size) {
  const std::string path = writeInput(data, size, ".pt");
  expectReadOrRefusal([&] {
    const CheckpointInfo info = readCheckpointInfo(path);
    auto model = buildModel(info.spec, 0);
    loadCheckpoint(path, *model, nullptr);
  });
}

/// Image input (`analyze --image`, the GUI's Open image): the header check, OpenCV's decoder,
/// and the preparation for a 3x32x32 and a 1x28x28 model.
inline void imageInput(const uint8_t* data, size_t size) {
  const std::string path = writeInput(data, size, ".img");
  expectReadOrRefusal([&] {
    ModelSpec colour = ModelSpec::defaults(Architecture::Vgg16);
    touch(loadImageInput(path, colour));
    ModelSpec grey = colour;
    grey.input = {1, 28, 28};
    touch(loadImageInput(path, grey));
  });
}

/// Fashion-MNIST IDX files: the first byte picks a gzip'd or a plain name.
inline void idxInput(const uint8_t* data, size_t size) {
  if (size == 0) return;
  const std::string path = writeInput(data + 1, size - 1, (data[0] & 1) ? "-ubyte.gz" : "-ubyte");
  expectReadOrRefusal([&] { touch(readIdxFile(path)); });
}

/// The experiment store opened on a database file from elsewhere (`--store`, the GUI's store):
/// open, list runs and epochs, print them as `runs --json` and `runs --csv` do.
inline void storeInput(const uint8_t* data, size_t size) {
  const std::string path = writeInput(data, size, ".db");
  // A write-ahead log left by the previous input would be replayed into this one.
  ::unlink((path + "-wal").c_str());
  ::unlink((path + "-shm").c_str());
  expectReadOrRefusal([&] {
    ExperimentStore store(path);
    for (const auto& run : store.runs()) (void)store.epochs(run.id);
    (void)store.toJson();
    (void)store.toCsv();
  });
}

/// Every JSON GhostLens reads, given the same text: a per-layer plan (`train --plan`), a
/// sweep's runs (`runs --json`, the shipped sweeps) as ablation series, the paper's table.
inline void jsonInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  expectReadOrRefusal([&] { (void)planFromJson(text, "fuzz plan"); });
  expectReadOrRefusal([&] { (void)storeSeries(runsFromJson(text), "fuzz"); });
  const std::string path = writeInput(data, size, ".json");
  expectReadOrRefusal([&] { (void)paperSeries(path); });
}

using TargetFunction = void (*)(const uint8_t*, size_t);

/// Every target by the name scripts/fuzz.sh and tests/data/fuzz/NAME/ use.
inline const std::map<std::string, TargetFunction>& targets() {
  static const std::map<std::string, TargetFunction> all = {
      {"weights", weightsInput},       {"npy", npyInput},     {"activations", activationsInput},
      {"checkpoint", checkpointInput}, {"image", imageInput}, {"idx", idxInput},
      {"store", storeInput},           {"json", jsonInput}};
  return all;
}

}  // namespace ghostlens::fuzz
