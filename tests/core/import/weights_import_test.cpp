// Weight files written by Debian's python3-torch and python3-torchvision (made at test time by
// tests/data/make_import_fixtures.py) load into the zoo, and the loaded models compute what
// PyTorch computed: the logits, and every tapped layer's maps against the forward hooks.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <set>

#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/data/activation_file.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/io/npy_file.h"
#include "ghostlens/io/weights_file.h"
#include "ghostlens/models/weights_import.h"
#include "relative_error.h"

namespace ghostlens {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = GHOSTLENS_IMPORT_FIXTURES;

/// Runs `file` on the reference input and compares logits and every tapped layer with PyTorch.
/// @return how many layers were compared
int expectMatchesPyTorch(const std::string& file, const std::string& reference,
                         const ModelSpec& expected, FileFormat format) {
  SCOPED_TRACE(file);
  torch::set_num_threads(1);
  const ImportedModel imported = importWeights((kFixtures / file).string());
  EXPECT_EQ(imported.format, format);
  EXPECT_EQ(imported.spec.arch, expected.arch);
  EXPECT_DOUBLE_EQ(imported.spec.width, expected.width);
  EXPECT_EQ(imported.spec.ratio, expected.ratio);
  EXPECT_EQ(imported.spec.dw, expected.dw);
  EXPECT_EQ(imported.spec.classes, expected.classes);
  EXPECT_EQ(imported.spec.input, expected.input);

  const torch::Tensor input = readNpy((kFixtures / (reference + ".input.npy")).string());
  const torch::Tensor logits = readNpy((kFixtures / (reference + ".logits.npy")).string());
  const TapResult taps = runWithTaps(*imported.model, input);
  const double logitsError = relativeError(taps.logits, logits);
  EXPECT_LE(logitsError, 1e-4);
  int compared = 0;
  double worstLayer = 0;
  for (const TappedLayer& layer : taps.layers) {
    const fs::path hooked = kFixtures / (reference + ".taps") / (layer.name + ".npy");
    EXPECT_TRUE(fs::exists(hooked)) << "no PyTorch module named " << layer.name;
    if (!fs::exists(hooked)) continue;
    const torch::Tensor maps = readNpy(hooked.string());
    EXPECT_EQ(layer.maps.sizes(), maps.sizes()) << layer.name;
    if (layer.maps.sizes() != maps.sizes()) continue;
    const double error = relativeError(layer.maps, maps);
    EXPECT_LE(error, 1e-4) << layer.name;
    worstLayer = std::max(worstLayer, error);
    ++compared;
  }
  std::printf("%s: logits within %.1e relative, %d layers compared, worst %.1e\n", file.c_str(),
              logitsError, compared, worstLayer);
  return compared;
}

ModelSpec spec(Architecture arch, double width, int64_t ratio, int64_t classes) {
  ModelSpec s = ModelSpec::defaults(arch);
  s.width = width;
  s.ratio = ratio;
  s.classes = classes;
  s.input = {3, 224, 224};
  return s;
}

// torchvision's mobilenet_v2(): its state dict fits our vanilla MobileNetV2 key for key, and the
// 17 inverted residuals and 35 ConvBNReLU6 units compute what PyTorch computes.
TEST(WeightsImport, TorchvisionMobileNetV2ComputesWhatPyTorchComputes) {
  const ModelSpec mobilenet = spec(Architecture::MobileNetV2, 1.0, 1, 1000);
  EXPECT_GE(
      expectMatchesPyTorch("mobilenet_v2.pth", "mobilenet_v2", mobilenet, FileFormat::PyTorchZip),
      52);
}

TEST(WeightsImport, OfficialGhostNetLayoutInEveryFormatComputesWhatPyTorchComputes) {
  const ModelSpec ghostnet = spec(Architecture::GhostNet, 1.0, 2, 1000);
  for (const auto& [file, format] :
       {std::pair{"ghostnet_zip.pth", FileFormat::PyTorchZip},
        std::pair{"ghostnet_legacy.pth", FileFormat::PyTorchLegacy},
        std::pair{"ghostnet.safetensors", FileFormat::Safetensors},
        std::pair{"ghostnet_checkpoint.pth.tar", FileFormat::PyTorchZip}}) {
    // conv_stem, the 16 bottlenecks with their 32 Ghost modules, the dw and shortcut convs, the
    // head: 54 layers, every one hooked.
    EXPECT_GE(expectMatchesPyTorch(file, "ghostnet", ghostnet, format), 50);
  }
}

TEST(WeightsImport, TorchvisionResNet50InEveryFormatComputesWhatPyTorchComputes) {
  const ModelSpec resnet = spec(Architecture::ResNet50, 1.0, 1, 1000);
  for (const auto& [file, format] :
       {std::pair{"resnet50_zip.pth", FileFormat::PyTorchZip},
        std::pair{"resnet50_legacy.pth", FileFormat::PyTorchLegacy},
        std::pair{"resnet50.safetensors", FileFormat::Safetensors},
        std::pair{"resnet50_checkpoint.pth.tar", FileFormat::PyTorchZip}}) {
    EXPECT_GE(expectMatchesPyTorch(file, "resnet50", resnet, format), 60);
  }
}

TEST(WeightsImport, HalfBFloatAndDoubleWeightsOfANarrowGhostNet) {
  const ModelSpec narrow = spec(Architecture::GhostNet, 0.5, 2, 10);
  EXPECT_GE(expectMatchesPyTorch("ghostnet_w05_f16.pth", "ghostnet_w05_f16", narrow,
                                 FileFormat::PyTorchZip),
            50);
  EXPECT_GE(expectMatchesPyTorch("ghostnet_w05_bf16.safetensors", "ghostnet_w05_bf16", narrow,
                                 FileFormat::Safetensors),
            50);
  EXPECT_GE(expectMatchesPyTorch("ghostnet_w05_f64.pth", "ghostnet_w05_f64", narrow,
                                 FileFormat::PyTorchLegacy),
            50);
}

TEST(WeightsImport, FormatIsFoundFromTheContentNotTheExtension) {
  const fs::path disguised = fs::temp_directory_path() / "ghostlens_disguised.safetensors";
  fs::copy_file(kFixtures / "ghostnet_w05_f16.pth", disguised,
                fs::copy_options::overwrite_existing);
  const WeightsFile weights = readWeightsFile(disguised.string());
  EXPECT_EQ(weights.format, FileFormat::PyTorchZip);
  fs::remove(disguised);
}

TEST(WeightsImport, CheckpointWrapperAndModulePrefixAreUnwrapped) {
  const WeightsFile weights = readWeightsFile((kFixtures / "ghostnet_checkpoint.pth.tar").string());
  EXPECT_EQ(weights.container, "checkpoint['state_dict']");
  ASSERT_FALSE(weights.stateDict.entries.empty());
  EXPECT_EQ(weights.stateDict.entries.front().first, "conv_stem.weight");
  EXPECT_EQ(weights.stateDict.entries.size(), 512u);  // the official release's key count
}

// A real photo (scikit-image's chelsea.png, 451 x 300) through our ImageNet transform and
// through torchvision's (PIL's resize): the resize is antialiased the same way, the crop is the
// same; what differs is PIL rounding its resized image to 8 bits.
TEST(ImageNetInput, MatchesTorchvisionsEvaluationTransform) {
  ModelSpec spec = ModelSpec::defaults(Architecture::ResNet50);
  const torch::Tensor ours =
      loadImageInput("/usr/lib/python3/dist-packages/skimage/data/chelsea.png", spec);
  const torch::Tensor theirs = readNpy((kFixtures / "chelsea.imagenet.npy").string());
  ASSERT_EQ(ours.sizes(), theirs.sizes());
  const torch::Tensor difference = (ours - theirs).abs();
  // One 8-bit step is 1/255/0.225 = 0.0174 after normalisation.
  EXPECT_LT(difference.mean().item<double>(), 0.01);
  EXPECT_LT(difference.max().item<double>(), 0.02);
  std::printf("ImageNet transform against torchvision: mean %.5f, max %.5f\n",
              difference.mean().item<double>(), difference.max().item<double>());
}

TEST(WeightsImport, OneEntryDictOfActivations) {
  const auto layers = loadActivations((kFixtures / "one_entry_activations.pt").string());
  ASSERT_EQ(layers.size(), 1u);
  EXPECT_EQ(layers[0].name, "maps");
  EXPECT_EQ(layers[0].maps.sizes(), (std::vector<int64_t>{1, 8, 6, 6}));
}

std::string importError(const std::string& file) {
  try {
    importWeights((kFixtures / file).string());
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(loaded)";
}

TEST(WeightsImport, AFileThatFitsNoModelNamesTheFirstBadKeyWithBothShapes) {
  EXPECT_NE(importError("missing_key.pth")
                .find("missing key 'blocks.3.0.ghost1.primary_conv.0.weight' (shape [18, 12, 1, 1] "
                      "in the model)"),
            std::string::npos)
      << importError("missing_key.pth");
  EXPECT_NE(importError("unexpected_key.pth").find("unexpected key 'blocks.3.0.extra.weight'"),
            std::string::npos)
      << importError("unexpected_key.pth");
  EXPECT_NE(importError("misshaped_key.pth")
                .find("'blocks.5.0.ghost2.cheap_operation.0.weight' has shape [40, 1, 5, 5] in "
                      "the file but [20, 1, 3, 3] in the model"),
            std::string::npos)
      << importError("misshaped_key.pth");
}

TEST(WeightsImport, HintsOverrideWhatIsInferred) {
  SpecHints hints;
  hints.input = std::array<int64_t, 3>{3, 128, 96};
  const ImportedModel m = importWeights((kFixtures / "ghostnet_w05_f16.pth").string(), hints);
  EXPECT_EQ(m.spec.input, (std::array<int64_t, 3>{3, 128, 96}));
  hints = {};
  hints.width = 0.75;
  EXPECT_THROW(importWeights((kFixtures / "ghostnet_w05_f16.pth").string(), hints),
               std::invalid_argument);
}

}  // namespace
}  // namespace ghostlens
