// TorchScript files written by Debian's python3-torch from torchvision's models and the official
// GhostNet layout (made at test time by tests/data/make_torchscript_fixtures.py, traced and, where
// the model scripts, scripted) run in LibTorch and are tapped at every module: each module's maps
// equal what a PyTorch forward hook on the eager module saw, and the logits equal PyTorch's.
#include "ghostlens/models/torchscript_model.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/counting/complexity.h"
#include "ghostlens/io/npy_file.h"
#include "ghostlens/io/weights_file.h"
#include "ghostlens/session/model_pair.h"
#include "ghostlens/util/input_error.h"
#include "relative_error.h"

namespace ghostlens {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(GHOSTLENS_IMPORT_FIXTURES) / "torchscript";

std::vector<std::string> fixtureModels() {
  std::ifstream list(kFixtures / "models.txt");
  std::vector<std::string> names;
  for (std::string line; std::getline(list, line);) {
    if (!line.empty()) names.push_back(line);
  }
  return names;
}

/// Compares one TorchScript file's logits and taps with the eager model's hooks.
/// @return the number of modules compared
int expectTapsEqualHooks(const std::string& model, const std::string& kind,
                         std::map<UntappedModule::Reason, int>& reasons) {
  const fs::path file = kFixtures / (model + "." + kind + ".pt");
  SCOPED_TRACE(file.string());
  torch::set_num_threads(2);
  TorchScriptModel loaded(file.string());
  const torch::Tensor input = readNpy((kFixtures / (model + ".input.npy")).string());
  const torch::Tensor logits = readNpy((kFixtures / (model + ".logits.npy")).string());
  const TapResult taps = loaded.tap(input);
  EXPECT_TRUE(taps.logits.defined());
  if (!taps.logits.defined()) return 0;
  const double logitsError = relativeError(taps.logits, logits);
  EXPECT_LE(logitsError, 1e-4);
  EXPECT_LE(relativeError(loaded.forward(input), logits), 1e-4);

  std::map<std::string, torch::Tensor> hooks;
  for (const auto& [name, maps] :
       readWeightsFile((kFixtures / (model + ".hooks.pt")).string()).stateDict.entries) {
    // The taps keep maps with more than one pixel: the ones a person compares.
    if (maps.size(2) * maps.size(3) > 1) hooks.emplace(name, maps);
  }
  std::set<std::string> tapped;
  double worst = 0;
  for (const TappedLayer& layer : taps.layers) {
    tapped.insert(layer.name);
    const auto hooked = hooks.find(layer.name);
    EXPECT_NE(hooked, hooks.end()) << "tapped " << layer.name << ", which no hook saw";
    if (hooked == hooks.end()) continue;
    EXPECT_EQ(layer.maps.sizes(), hooked->second.sizes()) << layer.name;
    if (layer.maps.sizes() != hooked->second.sizes()) continue;
    const double error = relativeError(layer.maps, hooked->second);
    EXPECT_LE(error, 1e-4) << layer.name;
    worst = std::max(worst, error);
  }
  // A module the taps cannot give must be one the model names as untapped, with its reason.
  std::map<std::string, UntappedModule::Reason> untapped;
  for (const UntappedModule& m : loaded.untappedModules()) untapped.emplace(m.name, m.reason);
  int missing = 0;
  for (const auto& [name, maps] : hooks) {
    if (tapped.count(name) != 0) continue;
    ++missing;
    const auto found = untapped.find(name.substr(0, name.find('#')));
    if (found == untapped.end() && untapped.count(name) == 0) {
      ADD_FAILURE() << "the hook on " << name << " saw maps of size " << maps.sizes()
                    << "; no tap gave them, and the model does not say why";
    } else if (found != untapped.end()) {
      ++reasons[found->second];
    }
  }
  // And none is called untapped that a hook saw and a tap gave.
  for (const auto& [name, reason] : untapped) {
    EXPECT_EQ(tapped.count(name), 0u) << name << " is tapped and also called untapped";
  }
  std::printf(
      "%s.%s: logits within %.1e relative, %zu of %zu hooked modules tapped (worst %.1e), %d "
      "untapped with a reason\n",
      model.c_str(), kind.c_str(), logitsError, hooks.size() - missing, hooks.size(), worst,
      missing);
  return static_cast<int>(tapped.size());
}

TEST(TorchScriptModel, EveryTracedModuleEqualsItsForwardHook) {
  const std::vector<std::string> models = fixtureModels();
  ASSERT_GE(models.size(), 6u) << "no models.txt in " << kFixtures;
  std::map<UntappedModule::Reason, int> reasons;
  for (const std::string& model : models) {
    EXPECT_GE(expectTapsEqualHooks(model, "trace", reasons), 20) << model;
  }
  // Tracing leaves no control flow; it does erase the modules that return their input
  // (StochasticDepth in eval mode, GhostNet's empty Sequentials).
  EXPECT_EQ(reasons[UntappedModule::Reason::InsideControlFlow], 0);
  EXPECT_GT(reasons[UntappedModule::Reason::ReturnsItsInput], 0);
}

TEST(TorchScriptModel, EveryScriptedModuleEqualsItsForwardHook) {
  int scripted = 0;
  std::map<UntappedModule::Reason, int> reasons;
  for (const std::string& model : fixtureModels()) {
    if (!fs::exists(kFixtures / (model + ".script.pt"))) continue;
    EXPECT_GE(expectTapsEqualHooks(model, "script", reasons), 20) << model;
    ++scripted;
  }
  EXPECT_GE(scripted, 5);  // every torchvision model scripts
  // Scripted code keeps a module that returns its input as a call that returns it.
  EXPECT_EQ(reasons[UntappedModule::Reason::ReturnsItsInput], 0);
}

// torchvision's documented figures (its model pages): parameters exactly, and GFLOPS (which are
// multiply-accumulates there) within 2%, counted from one forward at 224x224.
TEST(TorchScriptModel, CountsTorchvisionsDocumentedParamsAndMacs) {
  struct Documented {
    const char* model;
    int64_t params;
    double gmacs;
  };
  for (const Documented& d :
       {Documented{"resnet50", 25557032, 4.09}, Documented{"mobilenet_v3_large", 5483032, 0.22},
        Documented{"efficientnet_b0", 5288548, 0.39}, Documented{"convnext_tiny", 28589128, 4.46},
        Documented{"regnet_y_400mf", 4344144, 0.40}}) {
    for (const char* kind : {"trace", "script"}) {
      const fs::path file = kFixtures / (std::string(d.model) + "." + kind + ".pt");
      SCOPED_TRACE(file.string());
      TorchScriptModel loaded(file.string());
      const ComplexityReport cost = loaded.count({3, 224, 224});
      EXPECT_EQ(cost.params, d.params);
      EXPECT_NEAR(static_cast<double>(cost.macs) / 1e9, d.gmacs, 0.02 * d.gmacs);
      std::printf("%s.%s: %lld params, %.3f GMACs (torchvision: %.2f)\n", d.model, kind,
                  static_cast<long long>(cost.params), static_cast<double>(cost.macs) / 1e9,
                  d.gmacs);
    }
  }
}

// TorchScript can call torch.save, and torch.jit.load runs a class's __setstate__: Python's
// torch.jit.load of the second file writes its marker (checked when the fixtures were made).
// Both are refused before LibTorch loads them, and neither marker appears.
TEST(TorchScriptModel, CodeThatTouchesFilesIsRefusedBeforeItRuns) {
  const fs::path marker = kFixtures / "payload-ran";
  fs::remove(marker);
  for (const auto& [file, reason] :
       {std::pair{"writes_file.pt", "calls torch.save, which writes a file"},
        std::pair{"writes_file_spaced.pt", "calls torch.save, which writes a file"},
        std::pair{"writes_file_while_loading.pt", "defines __setstate__"}}) {
    const fs::path path = kFixtures / file;
    try {
      TorchScriptModel loaded(path.string());
      loaded.tap(torch::zeros({1, 3, 8, 8}));
      ADD_FAILURE() << file << " was loaded and run";
    } catch (const InputError& e) {
      const std::string message = e.what();
      EXPECT_EQ(message.rfind(path.string() + ": refused: its TorchScript code", 0), 0u) << message;
      EXPECT_NE(message.find(reason), std::string::npos) << message;
    }
    EXPECT_FALSE(fs::exists(marker)) << file << " wrote its marker";
  }
}

// A TorchScript file is a model like any other to the session: loaded by content, run and
// analysed through ModelPair; what only the zoo can do is refused with the reason.
TEST(TorchScriptModel, GoesThroughTheSessionLikeAZooModel) {
  const std::string file = (kFixtures / "resnet50.trace.pt").string();
  SpecHints hints;
  hints.input = std::array<int64_t, 3>{3, 64, 64};
  const LoadedModel loaded = loadModel(ModelSource::file(file, hints));
  EXPECT_EQ(loaded.kind(), ModelKind::TorchScript);
  EXPECT_EQ(loaded.network, nullptr);
  EXPECT_EQ(loaded.spec.input, (std::array<int64_t, 3>{3, 64, 64}));
  EXPECT_EQ(loaded.spec.classes, 1000);
  EXPECT_EQ(loaded.modelName(), "ResNet");
  EXPECT_EQ(loaded.formatName(), "torchscript");
  EXPECT_EQ(loaded.description(), "resnet50.trace.pt (TorchScript ResNet)");

  const ModelPair pair(loaded);
  const torch::Tensor input = readNpy((kFixtures / "resnet50.input.npy").string());
  AnalysisOptions options;
  options.layers = {"layer1.0.conv1", "layer2"};
  const PairAnalysis analysis = pair.analyze(input, options);
  ASSERT_EQ(analysis.first.size(), 2u);
  EXPECT_EQ(analysis.first[0].name, "layer1.0.conv1");
  EXPECT_EQ(analysis.first[0].type, "Conv2d");
  EXPECT_EQ(analysis.first[1].name, "layer2");
  EXPECT_EQ(analysis.first[1].channels, 512);

  auto expectRefused = [](const std::function<void()>& f, const std::string& reason) {
    try {
      f();
      ADD_FAILURE() << "not refused: " << reason;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
    }
  };
  expectRefused([&] { ModelPair deployed(loaded, std::nullopt, /*deploy=*/true); },
                "deploy mode needs a GhostLens zoo model; resnet50.trace.pt is a TorchScript file");
  expectRefused([&] { loadModelForWindow(ModelSource::file(file)); },
                "`ghostlens-cli analyze --weights " + file + "` analyses it");
  SpecHints zoo = hints;
  zoo.ratio = 2;
  expectRefused([&] { loadModel(ModelSource::file(file, zoo)); },
                "is a TorchScript file: model settings");
  hints.input = std::array<int64_t, 3>{1, 64, 64};  // a grey image for a colour model
  expectRefused([&] { loadModel(ModelSource::file(file, hints)); },
                "its forward fails on an input of [1, 64, 64]");
}

TEST(TorchScriptModel, IsFoundByContent) {
  EXPECT_TRUE(TorchScriptModel::isTorchScript((kFixtures / "resnet50.trace.pt").string()));
  // LibTorch's torch::save writes TorchScript's archive for a module of weights: GhostLens's own
  // checkpoints are weights, with no forward to run.
  EXPECT_FALSE(TorchScriptModel::isTorchScript(
      (fs::path(GHOSTLENS_RESOURCES) / "models" / "vgg16_w0.25_vanilla.pt").string()));
  // A torch.save file is a zip too, without TorchScript's code/ and constants.pkl.
  EXPECT_FALSE(TorchScriptModel::isTorchScript((kFixtures / "resnet50.hooks.pt").string()));
  try {
    TorchScriptModel loaded((kFixtures / "resnet50.hooks.pt").string());
    ADD_FAILURE() << "a torch.save file was loaded as TorchScript";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("resnet50.hooks.pt: not a TorchScript model"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace ghostlens
