#include "advise_command.h"

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ghostlens/analysis/ghost_advisor.h"
#include "ghostlens/data/dataset_paths.h"
#include "ghostlens/data/fashion_mnist_batch.h"
#include "ghostlens/data/image_folder_batch.h"
#include "ghostlens/util/input_error.h"
#include "json_output.h"
#include "model_options.h"
#include "number_format.h"
#include "progress_line.h"

namespace ghostlens::cli {

namespace {

struct AdviseSettings {
  ModelOptions model;
  std::string weights;
  int64_t images = 64;
  std::string imageDir;
  std::string fmnistDir = kFashionMnistDirectory;
  double target = 0.9;
  int64_t budgetMacs = 0;
  std::vector<int64_t> dws{1, 3, 5};
  std::string jsonPath;
  std::string name;
  const GlobalOptions* global = nullptr;  ///< --threads and --quiet, before or after the command
};

std::string r2Text(const std::optional<double>& r2) {
  if (!r2) return "n/a";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.3f", *r2);
  return buffer;
}

void run(const AdviseSettings& s, const CLI::App& command) {
  const LoadedModel loaded = s.model.loadWeights(s.weights, command);
  const ModelSpec& spec = loaded.spec;
  const torch::Tensor inputs = s.imageDir.empty() ? fashionMnistBatch(s.fmnistDir, s.images, spec)
                                                  : imageFolderBatch(s.imageDir, s.images, spec);
  AdviceOptions options;
  options.dws = s.dws;
  options.target = s.target;
  if (s.budgetMacs > 0) options.budgetMacs = s.budgetMacs;
  const auto start = std::chrono::steady_clock::now();
  ProgressLine progress(s.global->quiet);
  Advice advice = adviseGhosting(loaded.zoo("advise"), spec, inputs, options,
                                 progress.counter("steps (forwards, then layers)"));
  progress.finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::ostringstream name;
  if (!s.name.empty()) {
    name << s.name;
  } else if (options.budgetMacs) {
    name << "advised-" << humanCount(*options.budgetMacs) << "-MACs";
  } else {
    name << "advised-r2-" << s.target;
  }
  advice.plan.name = name.str();

  std::printf(
      "%s over %lld %s; %s\n", loaded.description().c_str(), static_cast<long long>(advice.images),
      s.imageDir.empty() ? "Fashion-MNIST test images" : ("images of " + s.imageDir).c_str(),
      options.budgetMacs ? ("MACs budget " + groupedThousands(*options.budgetMacs)).c_str()
                         : ("target mean R^2 " + std::to_string(s.target)).c_str());
  std::printf("%-16s %5s %7s %5s %5s %4s %3s %7s %14s\n", "layer", "C", "maps", "dead", "k", "s",
              "d", "R^2", "MACs saved");
  for (const LayerAdvice& l : advice.layers) {
    const std::string size = std::to_string(l.height) + "x" + std::to_string(l.width);
    std::printf("%-16s %5lld %7s %5s %5s %4lld %3lld %7s %14s\n", l.name.c_str(),
                static_cast<long long>(l.channels), size.c_str(),
                l.tooSmall ? "n/a" : std::to_string(l.dead.size()).c_str(),
                l.tooSmall ? "n/a" : std::to_string(l.k).c_str(), static_cast<long long>(l.ratio),
                static_cast<long long>(l.dw), r2Text(l.tooSmall ? std::nullopt : l.r2).c_str(),
                groupedThousands(l.macsSaved).c_str());
  }
  std::printf(
      "plan: MACs %s, params %s (vanilla %s, %s)\n", groupedThousands(advice.plan.macs).c_str(),
      groupedThousands(advice.plan.params).c_str(), groupedThousands(advice.vanillaMacs).c_str(),
      groupedThousands(advice.vanillaParams).c_str());
  for (const GhostCost& uniform : advice.uniform) {
    if (uniform.ratio > 4) continue;
    std::printf("uniform s=%lld d=3: MACs %s, params %s\n", static_cast<long long>(uniform.ratio),
                groupedThousands(uniform.macs).c_str(), groupedThousands(uniform.params).c_str());
  }
  std::printf("advised in %.1f s at %d threads\n", seconds, torch::get_num_threads());
  if (!s.jsonPath.empty()) {
    writeJsonFile(s.jsonPath, nlohmann::json::parse(planToJson(advice.plan)));
    std::printf("plan written to %s\n", s.jsonPath.c_str());
  }
}

}  // namespace

Command addAdviseCommand(CLI::App& app, GlobalOptions& global) {
  auto s = std::make_shared<AdviseSettings>();
  CLI::App* command = app.add_subcommand(
      "advise",
      "Which layers of a trained vanilla model to ghost, with which s and d, from its own maps");
  s->model.useFashionMnistDefaults();
  s->model.addTo(*command);
  command->add_option("--weights", s->weights, "Weights of a vanilla (s = 1) model")->required();
  command->add_option("--images", s->images, "Images the maps are measured over")
      ->check(CLI::Range(int64_t{1}, int64_t{10000}))
      ->capture_default_str();
  command->add_option("--image-dir", s->imageDir,
                      "Take the images from this folder (sorted by name) instead of the "
                      "Fashion-MNIST test split");
  command->add_option("--fmnist-dir", s->fmnistDir, "Fashion-MNIST IDX directory")
      ->capture_default_str();
  command->add_option("--target", s->target, "Mean R^2 of the cheap-op fit each layer keeps")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command
      ->add_option("--budget-macs", s->budgetMacs,
                   "Plan for this many MACs instead: ghost where R^2 stays highest until the "
                   "model fits")
      ->check(CLI::PositiveNumber);
  command->add_option("--dws", s->dws, "Cheap kernels d to choose from, comma separated")
      ->delimiter(',')
      ->capture_default_str();
  command->add_option("--json", s->jsonPath, "Write the plan as JSON to this file");
  command->add_option("--name", s->name, "The plan's name (default: from the target or budget)");
  s->global = &global;
  addGlobalOptions(*command, global);
  return {command, [s, command] { run(*s, *command); }};
}

}  // namespace ghostlens::cli
