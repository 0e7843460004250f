#include "analyze_command.h"

#include <torch/serialize.h>
#include <torch/torch.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>

#include "ghostlens/analysis/feature_grid.h"
#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/analysis/layer_analysis.h"
#include "ghostlens/data/activation_file.h"
#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/resources/shipped_files.h"
#include "ghostlens/training/checkpoint.h"
#include "model_options.h"

namespace ghostlens::cli {

namespace {

struct AnalyzeSettings {
  ModelOptions model;
  std::string weights;
  std::string image;
  std::string activations;
  int64_t fmnist = -1;
  std::string fmnistDir = FashionMnist::kDefaultDirectory;
  std::string metric = "cosine";
  double threshold = 0.9;
  std::vector<std::string> layers;
  std::string jsonPath;
  std::string pngDir;
  bool allPairs = false;
};

nlohmann::json layerJson(const LayerAnalysis& layer) {
  nlohmann::json pairs = nlohmann::json::array();
  for (const RedundantPair& p : layer.redundancy.pairs) {
    pairs.push_back({{"a", p.a}, {"b", p.b}, {"score", p.score}});
  }
  return {{"name", layer.name},
          {"type", layer.type},
          {"channels", layer.channels},
          {"height", layer.height},
          {"width", layer.width},
          {"redundancy", layer.redundancy.score},
          {"intrinsic_estimate", layer.redundancy.intrinsicEstimate},
          {"effective_rank", layer.rank.effectiveRank},
          {"k95", layer.rank.k95},
          {"implied_ratio", layer.rank.impliedRatio},
          {"pairs", pairs}};
}

std::string safeFileName(std::string name) {
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  }
  return name;
}

TapResult runModel(const AnalyzeSettings& s, ModelSpec spec, std::string& inputName) {
  std::shared_ptr<NetworkImpl> model;
  if (s.weights.empty()) {
    // On stdout, so that an error stays the one line on stderr.
    std::printf("note: %s width %g s=%lld d=%lld has untrained (random) weights\n",
                architectureName(spec.arch).c_str(), spec.width, static_cast<long long>(spec.ratio),
                static_cast<long long>(spec.dw));
    model = buildModel(spec);
  } else {
    // A checkpoint carries its own model spec; the model flags do not apply.
    try {
      spec = readCheckpointInfo(s.weights).spec;
      model = buildModel(spec);
      loadCheckpoint(s.weights, *model, nullptr);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("--weights: ") + e.what());
    }
  }

  torch::Tensor input;
  if (!s.image.empty()) {
    input = loadImageInput(s.image, spec);
    inputName = s.image;
  } else {
    const int64_t index = s.fmnist >= 0 ? s.fmnist : 0;
    input = fashionMnistInput(s.fmnistDir, index, spec);
    inputName = "fashion-mnist:test:" + std::to_string(index);
  }

  return runWithTaps(*model, input);
}

void report(const AnalyzeSettings& s, Metric metric, const std::string& inputName,
            const std::vector<LayerAnalysis>& layers) {
  nlohmann::json report = {{"input", inputName},
                           {"weights", s.weights.empty() ? "untrained" : s.weights},
                           {"metric", metricName(metric)},
                           {"threshold", s.threshold},
                           {"layers", nlohmann::json::array()}};
  for (const LayerAnalysis& layer : layers) report["layers"].push_back(layerJson(layer));

  if (!s.pngDir.empty()) {
    std::filesystem::create_directories(s.pngDir);
    for (const LayerAnalysis& layer : layers) {
      const std::string path = s.pngDir + "/" + safeFileName(layer.name) + ".png";
      if (!cv::imwrite(path, renderFeatureGrid(layer.maps, layer.redundancy.pairs))) {
        throw std::runtime_error("cannot write " + path);
      }
    }
  }
  if (!s.jsonPath.empty()) {
    std::ofstream out(s.jsonPath + ".tmp");
    out << report.dump(1) << '\n';
    out.close();
    if (!out) throw std::runtime_error("cannot write " + s.jsonPath);
    std::filesystem::rename(s.jsonPath + ".tmp", s.jsonPath);  // never a half-written report
  }
  std::printf("%-40s %-16s %6s %9s %6s %8s %6s %7s\n", "layer", "type", "C", "redund.", "pairs",
              "eff.rank", "k95", "impl.s");
  for (const LayerAnalysis& l : layers) {
    std::printf("%-40s %-16s %6lld %9.3f %6zu %8.2f %6lld %7.2f\n", l.name.c_str(), l.type.c_str(),
                static_cast<long long>(l.channels), l.redundancy.score, l.redundancy.pairs.size(),
                l.rank.effectiveRank, static_cast<long long>(l.rank.k95), l.rank.impliedRatio);
  }
}

/// Without --weights and without model flags, analyze runs the shipped trained pair: the ghost
/// model (s = 2, d = 3), or the vanilla one with --ratio 1.
void useShippedPair(AnalyzeSettings& s, const CLI::App& command) {
  if (!s.weights.empty() || !s.activations.empty()) return;
  for (const char* flag : {"--model", "--width", "--dw", "--input", "--classes"}) {
    if (command.count(flag) > 0) return;
  }
  const ModelSpec spec = s.model.spec();
  if (spec.ratio > 2) return;
  const ShippedPair pair = shippedPair();
  s.weights = spec.ratio == 1 ? pair.vanilla : pair.ghost;
}

void run(AnalyzeSettings& s, const CLI::App& command) {
  useShippedPair(s, command);
  ModelSpec spec = s.model.spec();
  if (!s.weights.empty()) {
    try {
      spec = readCheckpointInfo(s.weights).spec;  // the cheap-op fit needs the model's d
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("--weights: ") + e.what());
    }
  }
  const std::optional<Metric> metric = parseMetric(s.metric);
  if (!metric) throw std::invalid_argument("--metric: unknown metric '" + s.metric + "'");

  AnalysisOptions options;
  options.metric = *metric;
  options.threshold = s.threshold;
  options.dw = spec.dw;
  options.allPairs = s.allPairs;
  options.layers = s.layers;

  TapResult taps;
  std::string inputName;
  if (!s.activations.empty()) {
    for (ActivationLayer& layer : loadActivations(s.activations)) {
      TappedLayer tapped;
      tapped.name = layer.name;
      tapped.type = "Activations";
      tapped.intrinsic = layer.maps.size(1);
      tapped.maps = std::move(layer.maps);
      taps.layers.push_back(std::move(tapped));
    }
    inputName = s.activations;
  } else {
    taps = runModel(s, spec, inputName);
  }
  report(s, *metric, inputName, analyzeLayers(taps, options));
}

}  // namespace

Command addAnalyzeCommand(CLI::App& app) {
  auto s = std::make_shared<AnalyzeSettings>();
  CLI::App* command = app.add_subcommand(
      "analyze", "Feature-map redundancy of every layer of a model for one input");
  s->model.addTo(*command);
  command->add_option("--weights", s->weights,
                      "A GhostLens checkpoint (ghostlens-cli train --checkpoint); its model spec "
                      "is used. Default: the shipped trained VGG-16 pair (ghost, or vanilla with "
                      "--ratio 1) unless a model flag is given");
  auto* image = command->add_option("--image", s->image, "Input image (any format OpenCV reads)");
  auto* fmnist = command->add_option("--fmnist", s->fmnist, "Fashion-MNIST test image index")
                     ->check(CLI::NonNegativeNumber);
  auto* activations = command->add_option(
      "--activations", s->activations,
      "Analyse activations computed elsewhere: a .pt (tensor or dict of tensors) or .npy file");
  image->excludes(fmnist);
  activations->excludes(image)->excludes(fmnist);
  command->add_option("--fmnist-dir", s->fmnistDir, "Fashion-MNIST IDX directory")
      ->capture_default_str();
  command->add_option("--metric", s->metric, "cosine, pearson, mse, ssim or cheapfit")
      ->check(CLI::IsMember({"cosine", "pearson", "mse", "ssim", "cheapfit"}))
      ->capture_default_str();
  command->add_option("--threshold", s->threshold, "Pairs at or above this score are redundant")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command->add_option("--layers", s->layers, "Layer names, comma separated (default: all)")
      ->delimiter(',');
  command->add_option("--json", s->jsonPath, "Write the report as JSON to this file");
  command->add_option("--png", s->pngDir, "Write one feature-map grid PNG per layer here");
  command->add_flag("--all-pairs", s->allPairs, "List every pair, not one pair per map");
  return {command, [s, command] { run(*s, *command); }};
}

}  // namespace ghostlens::cli
