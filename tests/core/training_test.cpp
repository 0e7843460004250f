// Training: it learns, checkpoints are exact, and a resumed run ends where an uninterrupted one
// does.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <vector>

#include "ghostlens/io/zip_directory.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/models/weights_import.h"
#include "ghostlens/training/checkpoint.h"
#include "ghostlens/training/trainer.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {
namespace {

namespace fs = std::filesystem;

ModelSpec smallVgg(int64_t ratio) {
  ModelSpec spec = ModelSpec::defaults(Architecture::Vgg16);
  spec.width = 0.125;
  spec.ratio = ratio;
  spec.input = {1, 28, 28};
  return spec;
}

fs::path scratch(const std::string& name) {
  return fs::temp_directory_path() / ("ghostlens_" + name + "_" + std::to_string(::getpid()));
}

std::string fileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void writeBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// A small VGG's checkpoint written to `path` (seed 4): the model, and the file's bytes for a
/// test to damage.
struct SavedCheckpoint {
  std::shared_ptr<NetworkImpl> model;
  std::string bytes;
};

SavedCheckpoint saveSmallCheckpoint(const std::string& path) {
  torch::manual_seed(4);
  auto model = buildModel(smallVgg(2));
  saveCheckpoint(path, smallVgg(2), *model, nullptr, 1);
  return {model, fileBytes(path)};
}

/// The zip directory of a checkpoint's bytes (which must outlive it).
ZipDirectory zipOf(const std::string& bytes, const std::string& path) {
  return ZipDirectory(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), path);
}

/// Each way a checkpoint is read: its info, as weights to import, and into a model.
std::vector<std::function<void()>> everyCheckpointReader(const std::string& path,
                                                         NetworkImpl& model) {
  return {[path] { readCheckpointInfo(path); }, [path] { importWeights(path, {}); },
          [path, &model] { loadCheckpoint(path, model, nullptr); }};
}

void expectSameTensors(torch::nn::Module& a, torch::nn::Module& b) {
  const auto pa = a.named_parameters(), pb = b.named_parameters();
  ASSERT_EQ(pa.size(), pb.size());
  for (const auto& item : pa) EXPECT_TRUE(torch::equal(item.value(), pb[item.key()])) << item.key();
  const auto ba = a.named_buffers(), bb = b.named_buffers();
  for (const auto& item : ba) EXPECT_TRUE(torch::equal(item.value(), bb[item.key()])) << item.key();
}

TEST(Trainer, AFewHundredStepsOnASubsetReachSeventyPercent) {
  TrainConfig config;
  config.spec = smallVgg(2);
  config.epochs = 2;
  config.batchSize = 32;
  config.trainSubset = 4000;  // 125 steps an epoch, 250 in all
  config.testSubset = 2000;
  config.learningRate = 0.05;
  config.seed = 1;
  int64_t calls = 0;
  const TrainResult r = train(config, [&calls](const TrainProgress& p) {
    ++calls;
    EXPECT_GT(p.imagesPerSecond, 0);
    return true;
  });
  EXPECT_EQ(calls, 250);
  ASSERT_EQ(r.epochs.size(), 2u);
  EXPECT_GE(r.testAccuracy, 0.70);
  EXPECT_LT(r.epochs[1].trainLoss, r.epochs[0].trainLoss);
}

TEST(Checkpoint, RoundTripIsBitExact) {
  const std::string path = scratch("ckpt.pt").string();
  torch::manual_seed(3);
  const ModelSpec spec = smallVgg(3);
  auto model = buildModel(spec);
  torch::optim::SGD optimizer(model->parameters(), torch::optim::SGDOptions(0.1).momentum(0.9));
  // One step so that BN statistics and momentum buffers are not at their defaults.
  const torch::Tensor x = torch::randn({8, 1, 28, 28});
  torch::nn::functional::cross_entropy(model->forward(x), torch::randint(0, 10, {8})).backward();
  optimizer.step();
  saveCheckpoint(path, spec, *model, &optimizer, 7);
  EXPECT_FALSE(fs::exists(path + ".tmp"));

  const CheckpointInfo info = readCheckpointInfo(path);
  EXPECT_EQ(info.epoch, 7);
  EXPECT_EQ(info.spec.ratio, 3);
  EXPECT_EQ(info.spec.width, 0.125);
  EXPECT_EQ(info.spec.input, spec.input);
  torch::manual_seed(99);  // a different initialisation, overwritten by the load
  auto copy = buildModel(info.spec);
  torch::optim::SGD copyOptimizer(copy->parameters(), torch::optim::SGDOptions(0.1).momentum(0.9));
  loadCheckpoint(path, *copy, &copyOptimizer);
  expectSameTensors(*model, *copy);
  // The momentum buffers came back too: one more identical step keeps the models identical.
  optimizer.zero_grad();
  copyOptimizer.zero_grad();
  for (auto* m : {model.get(), copy.get()}) {
    torch::manual_seed(5);
    torch::nn::functional::cross_entropy(m->forward(x), torch::randint(0, 10, {8})).backward();
  }
  optimizer.step();
  copyOptimizer.step();
  expectSameTensors(*model, *copy);

  auto other = buildModel(smallVgg(1));
  EXPECT_THROW(loadCheckpoint(path, *other, nullptr), std::invalid_argument);
  EXPECT_THROW(readCheckpointInfo(path + ".missing"), std::invalid_argument);
  fs::remove(path);
}

// Issue 16, item 4: a flipped bit in a weight is a corrupt file naming it, never a model that
// loads and computes something else.
TEST(Checkpoint, AFlippedBitInAWeightIsACorruptFileNeverLoaded) {
  const std::string path = scratch("flip.pt").string();
  auto [model, bytes] = saveSmallCheckpoint(path);
  // The largest stored member holds weights; flip one bit in its middle.
  const ZipDirectory directory = zipOf(bytes, path);
  const ZipEntry* largest = nullptr;
  for (const ZipEntry& e : directory.entries()) {
    if (largest == nullptr || e.size > largest->size) largest = &e;
  }
  ASSERT_NE(largest, nullptr);
  ASSERT_GT(largest->size, 1000u);
  bytes[largest->dataOffset + largest->size / 2] ^= 0x10;
  writeBytes(path, bytes);
  for (const auto& load : everyCheckpointReader(path, *model)) {
    try {
      load();
      ADD_FAILURE() << "a corrupt file loaded";
    } catch (const InputError& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find("CRC-32"), std::string::npos) << message;
      EXPECT_NE(message.find(path), std::string::npos) << message;
      EXPECT_NE(message.find(largest->name), std::string::npos) << message;
    }
  }
  fs::remove(path);
}

// Found by fuzz/fuzz_targets.h (checkpoint): a member's name changed in the zip directory only
// (no CRC covers names) went on to LibTorch's TorchScript parser, whose error had an empty first
// line, so the CLI printed "ghostlens-cli: " and nothing else, exit 1. Now a corrupt file.
TEST(Checkpoint, AMemberNamedDifferentlyInTheDirectoryIsACorruptFile) {
  const std::string path = scratch("renamed.pt").string();
  auto [model, bytes] = saveSmallCheckpoint(path);
  const ZipDirectory directory = zipOf(bytes, path);
  const std::string name = directory.entries().back().name;
  const size_t inDirectory = bytes.rfind(name);  // the directory follows every member
  ASSERT_NE(inDirectory, std::string::npos);
  bytes[inDirectory + name.size() - 2] ^= 0x01;
  writeBytes(path, bytes);
  for (const auto& load : everyCheckpointReader(path, *model)) {
    try {
      load();
      ADD_FAILURE() << "a corrupt file loaded";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("named differently in its own header"),
                std::string::npos)
          << e.what();
    }
  }
  fs::remove(path);
}

// Found by fuzzing: a checkpoint's TorchScript code files are deflated, so the stored-member CRC
// check passed them by, and damaged code crashed LibTorch's parser (a SEGV). They are inflated
// and checked too.
TEST(Checkpoint, ADamagedDeflatedMemberIsACorruptFile) {
  const std::string path = scratch("deflated.pt").string();
  std::string bytes = saveSmallCheckpoint(path).bytes;
  const ZipDirectory directory = zipOf(bytes, path);
  const ZipEntry* deflated = nullptr;
  for (const ZipEntry& e : directory.entries()) {
    if (e.compressed && e.size > 40) deflated = &e;
  }
  ASSERT_NE(deflated, nullptr) << "no deflated member to damage";
  bytes[deflated->dataOffset + deflated->size / 2] ^= 0x04;
  writeBytes(path, bytes);
  try {
    readCheckpointInfo(path);
    ADD_FAILURE() << "a damaged checkpoint was read";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("CRC-32"), std::string::npos) << e.what();
  }
  fs::remove(path);
}

// Issue 26: a zip LibTorch cannot open as a checkpoint (here torch.save's, which is no TorchScript
// archive) is refused with LibTorch's own reason, not only "not a readable checkpoint".
TEST(Checkpoint, LibTorchsReasonIsKeptWhenItCannotReadAFile) {
  const std::string path = std::string(GHOSTLENS_TEST_DATA) + "/activations_dict.pt";
  for (const auto& read :
       {std::function<void()>([&] { readCheckpointInfo(path); }), std::function<void()>([&] {
          auto model = buildModel(smallVgg(2));
          loadCheckpoint(path, *model, nullptr);
        })}) {
    try {
      read();
      ADD_FAILURE() << "read as a checkpoint";
    } catch (const InputError& e) {
      const std::string why = e.what();
      EXPECT_NE(why.find(path + ": not a readable checkpoint (LibTorch: "), std::string::npos)
          << why;
      EXPECT_NE(why.find("constants.pkl"), std::string::npos) << why;
    }
  }
}

TEST(Trainer, ResumedRunEndsWhereAnUninterruptedOneDoes) {
  TrainConfig config;
  config.spec = smallVgg(2);
  config.epochs = 2;
  config.batchSize = 64;
  config.trainSubset = 1024;
  config.testSubset = 500;
  config.seed = 4;
  const fs::path whole = scratch("whole.pt"), split = scratch("split.pt");
  config.checkpointPath = whole.string();
  const TrainResult uninterrupted = train(config);

  config.checkpointPath = split.string();
  const TrainResult stopped =
      train(config, [](const TrainProgress& p) { return !(p.epoch == 1 && p.batch == 3); });
  EXPECT_TRUE(stopped.cancelled);
  EXPECT_EQ(readCheckpointInfo(split.string()).epoch, 1);
  const TrainResult resumed = train(config);
  EXPECT_EQ(resumed.startEpoch, 1);
  EXPECT_FALSE(resumed.cancelled);
  EXPECT_EQ(resumed.testAccuracy, uninterrupted.testAccuracy);

  auto a = buildModel(config.spec), b = buildModel(config.spec);
  loadCheckpoint(whole.string(), *a, nullptr);
  loadCheckpoint(split.string(), *b, nullptr);
  expectSameTensors(*a, *b);
  fs::remove(whole);
  fs::remove(split);
}

}  // namespace
}  // namespace ghostlens
