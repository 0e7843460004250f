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
#include "ghostlens/session/model_pair.h"
#include "ghostlens/util/input_error.h"
#include "input_options.h"
#include "json_output.h"
#include "model_options.h"
#include "progress_line.h"

namespace ghostlens::cli {

namespace {

struct AnalyzeSettings {
  ModelOptions model;
  InputOptions input;
  std::string weights;
  std::string activations;
  std::string metric = metricName(Metric::Cosine);
  double threshold = 0.9;
  std::vector<std::string> layers;
  std::string jsonPath;
  std::string pngDir;
  bool allPairs = false;
  bool deploy = false;
  const GlobalOptions* global = nullptr;  ///< --threads and --quiet, before or after the command
};

/// Maps too small to compare have no redundancy, pairs or implied s: null, not a number.
nlohmann::json orNull(bool comparable, const nlohmann::json& value) {
  return comparable ? value : nlohmann::json(nullptr);
}

nlohmann::json layerJson(const LayerAnalysis& layer) {
  nlohmann::json pairs = nlohmann::json::array();
  for (const RedundantPair& p : layer.redundancy.pairs) {
    pairs.push_back({{"a", p.a}, {"b", p.b}, {"score", p.score}});
  }
  const bool c = layer.comparable;
  nlohmann::json out = {{"name", layer.name},
                        {"type", layer.type},
                        {"channels", layer.channels},
                        {"height", layer.height},
                        {"width", layer.width},
                        {"comparable", c},
                        {"redundancy", orNull(c, layer.redundancy.score)},
                        {"intrinsic_estimate", orNull(c, layer.redundancy.intrinsicEstimate)},
                        {"effective_rank", layer.rank.effectiveRank},
                        {"k95", layer.rank.k95},
                        {"implied_ratio", orNull(c, layer.rank.impliedRatio)},
                        {"dead", layer.dead},
                        {"pairs", orNull(c, pairs)}};
  if (layer.batch) {
    // Over a batch the scores are its means; the spreads are standard deviations over images.
    const LayerBatchMeasures& b = *layer.batch;
    out["images"] = b.images;
    out["redundancy"] = orNull(c, b.redundancy.mean);
    out["redundancy_std"] = orNull(c, b.redundancy.spread);
    out["intrinsic_estimate"] = orNull(c, b.intrinsicEstimate.mean);
    out["intrinsic_estimate_std"] = orNull(c, b.intrinsicEstimate.spread);
    out["effective_rank"] = b.effectiveRank.mean;
    out["effective_rank_std"] = b.effectiveRank.spread;
    out["implied_ratio"] = orNull(c, b.impliedRatio.mean);
    out["implied_ratio_std"] = orNull(c, b.impliedRatio.spread);
  }
  return out;
}

std::string numberOrNa(bool comparable, double value, const char* format) {
  if (!comparable) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

std::string safeFileName(std::string name) {
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  }
  return name;
}

/// The model the flags name: --weights (any weights file, its spec inferred unless model flags
/// say otherwise), or untrained weights of the flags' spec.
LoadedModel loadAnalyzedModel(const AnalyzeSettings& s, const CLI::App& command) {
  if (s.weights.empty()) {
    const ModelSpec spec = s.model.spec();
    // On stdout, so that an error stays the one line on stderr.
    std::printf("note: %s has untrained (random) weights\n", describeSpec(spec).c_str());
    return loadModel(ModelSource::untrained(spec));
  }
  return s.model.loadWeights(s.weights, command);
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
  if (!s.jsonPath.empty()) writeJsonFile(s.jsonPath, report);
  const bool batch = !layers.empty() && layers.front().batch.has_value();
  if (batch) {
    std::printf(
        "over %lld images: redundancy, effective rank and implied s are means (spread: "
        "standard deviation); pairs are the first image's\n",
        static_cast<long long>(layers.front().batch->images));
  }
  std::printf("%-40s %-16s %6s %5s %9s %6s %8s %6s %7s\n", "layer", "type", "C", "dead", "redund.",
              "pairs", "eff.rank", "k95", "impl.s");
  for (const LayerAnalysis& l : layers) {
    const double redundancy = batch ? l.batch->redundancy.mean : l.redundancy.score;
    const double rank = batch ? l.batch->effectiveRank.mean : l.rank.effectiveRank;
    const double implied = batch ? l.batch->impliedRatio.mean : l.rank.impliedRatio;
    std::printf(
        "%-40s %-16s %6lld %5zu %9s %6s %8.2f %6lld %7s\n", l.name.c_str(), l.type.c_str(),
        static_cast<long long>(l.channels), l.dead.size(),
        numberOrNa(l.comparable, redundancy, "%.3f").c_str(),
        numberOrNa(l.comparable, static_cast<double>(l.redundancy.pairs.size()), "%.0f").c_str(),
        rank, static_cast<long long>(l.rank.k95),
        numberOrNa(l.comparable, implied, "%.2f").c_str());
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
  const std::optional<Metric> metric = parseMetric(s.metric);
  if (!metric) throw InputError("--metric: unknown metric '" + s.metric + "'");

  AnalysisOptions options;
  options.metric = *metric;
  options.threshold = s.threshold;
  options.allPairs = s.allPairs;
  options.layers = s.layers;
  options.overBatch = s.input.batch() > 1;

  if (!s.activations.empty()) {
    TapResult taps;
    for (ActivationLayer& layer : loadActivations(s.activations)) {
      TappedLayer tapped;
      tapped.name = layer.name;
      tapped.type = "Activations";
      tapped.intrinsic = layer.maps.size(1);
      tapped.maps = std::move(layer.maps);
      taps.layers.push_back(std::move(tapped));
    }
    options.dw = s.model.spec().dw;
    ProgressLine progress(s.global->quiet);
    std::vector<LayerAnalysis> layers = analyzeLayers(taps, options, progress.counter("layers"));
    progress.finish();
    report(s, *metric, s.activations, layers);
    return;
  }
  const ModelPair model(loadAnalyzedModel(s, command), std::nullopt, s.deploy);
  const torch::Tensor input = s.input.tensor(model.inputSpec());
  ProgressLine progress(s.global->quiet);
  std::vector<LayerAnalysis> layers =
      model.analyze(input, options, progress.counter("layers")).first;
  progress.finish();
  report(s, *metric, s.input.name(), layers);
}

}  // namespace

Command addAnalyzeCommand(CLI::App& app, GlobalOptions& global) {
  auto s = std::make_shared<AnalyzeSettings>();
  CLI::App* command = app.add_subcommand(
      "analyze", "Feature-map redundancy of every layer of a model for one input");
  s->model.addTo(*command);
  command->add_option("--weights", s->weights,
                      "Weights: a GhostLens checkpoint, torch.save (zip or legacy) or safetensors "
                      "file (the model is inferred from it unless model flags say otherwise), or "
                      "a TorchScript file (every module tapped; --input gives its input). "
                      "Default: the shipped trained VGG-16 pair (ghost, or vanilla with --ratio "
                      "1) unless a model flag is given");
  auto* activations = command->add_option(
      "--activations", s->activations,
      "Analyse activations computed elsewhere: a .pt/.safetensors (tensor or dict of tensors) or "
      ".npy file");
  const std::vector<CLI::Option*> single = s->input.addTo(*command);
  for (CLI::Option* input : single) activations->excludes(input);
  s->input.addBatchTo(*command, single);
  activations->excludes("--images");
  std::vector<std::string> metrics;
  for (const Metric m : allMetrics()) metrics.push_back(metricName(m));
  command->add_option("--metric", s->metric, "Similarity of two maps")
      ->check(CLI::IsMember(metrics))
      ->capture_default_str();
  command->add_option("--threshold", s->threshold, "Pairs at or above this score are redundant")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command->add_option("--layers", s->layers, "Layer names, comma separated (default: all)")
      ->delimiter(',');
  command->add_option("--json", s->jsonPath, "Write the report as JSON to this file");
  command->add_option("--png", s->pngDir, "Write one feature-map grid PNG per layer here");
  command->add_flag("--all-pairs", s->allPairs, "List every pair, not one pair per map");
  command
      ->add_flag("--deploy", s->deploy,
                 "Deploy mode: BatchNorm folded into convs, Ghost modules without cat (the "
                 "same maps, faster)")
      ->excludes(activations);
  s->global = &global;
  addGlobalOptions(*command, global);
  return {command, [s, command] { run(*s, *command); }};
}

}  // namespace ghostlens::cli
