#include "predict_command.h"

#include <torch/torch.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "ghostlens/data/class_names.h"
#include "ghostlens/data/evaluation_set.h"
#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/models/deploy.h"
#include "ghostlens/models/zoo_model.h"
#include "ghostlens/session/model_pair.h"
#include "ghostlens/training/evaluation.h"
#include "ghostlens/util/input_error.h"
#include "input_options.h"
#include "json_output.h"
#include "model_options.h"
#include "progress_line.h"

namespace ghostlens::cli {

namespace {

struct PredictSettings {
  ModelOptions model;
  InputOptions input;
  std::string weights;
  int64_t top = 5;
  std::string jsonPath;
  bool deploy = false;
};

LoadedModel loadWeights(const std::string& weights, const ModelOptions& model,
                        const CLI::App& command) {
  return loadModel(ModelSource::file(weights, model.hints(command)));
}

void predict(const PredictSettings& s, const CLI::App& command) {
  const LoadedModel loaded = loadWeights(s.weights, s.model, command);
  std::shared_ptr<RunnableModel> model = loaded.model;
  if (s.deploy) {
    model =
        std::make_shared<ZooModel>(makeDeployed(loaded.zoo("--deploy"), loaded.spec), loaded.spec);
  }
  const torch::Tensor x = s.input.tensor(loaded.spec);
  const torch::Tensor logits = model->forward(x)[0];
  const std::vector<Prediction> top = topPredictions(logits, s.top, classNames(loaded.spec));
  if (!s.jsonPath.empty()) {
    nlohmann::json predictions = nlohmann::json::array();
    for (const Prediction& p : top) {
      predictions.push_back(
          {{"index", p.index}, {"label", p.label}, {"probability", p.probability}});
    }
    const torch::Tensor values = logits.to(torch::kFloat64).contiguous();
    writeJsonFile(s.jsonPath,
                  {{"model", loaded.modelName()},
                   {"weights", s.weights},
                   {"format", loaded.formatName()},
                   {"logits", std::vector<double>(values.data_ptr<double>(),
                                                  values.data_ptr<double>() + values.numel())},
                   {"top", predictions}});
  }
  for (const Prediction& p : top) std::printf("%s  %.4f\n", p.label.c_str(), p.probability);
}

struct EvaluateSettings {
  ModelOptions model;
  std::string weights;
  bool fmnistTest = false;
  std::string imagesDir;
  std::string fmnistDir = FashionMnist::kDefaultDirectory;
  int64_t limit = 0;
  int64_t batch = 64;
  std::string jsonPath;
  const GlobalOptions* global = nullptr;  ///< --threads and --quiet, before or after the command
};

void evaluate(const EvaluateSettings& s, const CLI::App& command) {
  const LoadedModel loaded = loadWeights(s.weights, s.model, command);
  const EvaluationSet set = s.fmnistTest ? EvaluationSet::fashionMnistTest(s.fmnistDir)
                                         : EvaluationSet::imageFolder(s.imagesDir);
  ProgressLine progress(s.global->quiet);
  const EvaluationResult result =
      evaluateModel(*loaded.model, loaded.spec, set, s.limit, s.batch,
                    [&](const EvaluationResult& r, int64_t total) {
                      if (!progress.running()) {
                        progress.start(total, ProgressLine::PlainSteps::Tenths, r.images);
                      }
                      char label[120];
                      std::snprintf(label, sizeof label,
                                    "%lld/%lld images: top-1 %.2f%%, top-5 %.2f%%, %.0f images/s",
                                    static_cast<long long>(r.images), static_cast<long long>(total),
                                    r.top1, r.top5, r.imagesPerSecond);
                      progress.update(r.images, label);
                      return true;
                    });
  progress.finish();
  std::printf("%s: top-1 %.2f%%, top-5 %.2f%% on %lld images (%.1f s, %.0f images/s, %d threads)\n",
              s.weights.c_str(), result.top1, result.top5, static_cast<long long>(result.images),
              result.seconds, result.imagesPerSecond, torch::get_num_threads());
  if (!s.jsonPath.empty()) {
    writeJsonFile(s.jsonPath, {{"model", loaded.modelName()},
                               {"weights", s.weights},
                               {"format", loaded.formatName()},
                               {"images", result.images},
                               {"top1", result.top1},
                               {"top5", result.top5},
                               {"seconds", result.seconds},
                               {"images_per_second", result.imagesPerSecond},
                               {"threads", torch::get_num_threads()}});
  }
}

}  // namespace

Command addPredictCommand(CLI::App& app, GlobalOptions& global) {
  auto s = std::make_shared<PredictSettings>();
  CLI::App* command =
      app.add_subcommand("predict", "The most probable classes of one input, for any weights file");
  command
      ->add_option("--weights", s->weights,
                   "Weights: torch.save (zip or legacy), safetensors or a GhostLens checkpoint "
                   "(the zoo model is inferred from its keys unless given), or a TorchScript "
                   "file (torch.jit.trace or torch.jit.script; --input gives its input)")
      ->required();
  s->model.addTo(*command);
  s->input.addTo(*command);
  command->add_option("--top", s->top, "How many classes to list")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--json", s->jsonPath, "Write logits and top classes as JSON to this file");
  command->add_flag("--deploy", s->deploy,
                    "Deploy mode: BatchNorm folded into convs, Ghost modules without cat (same "
                    "logits to 1e-4, faster)");
  addGlobalOptions(*command, global);
  return {command, [s, command] { predict(*s, *command); }};
}

Command addEvaluateCommand(CLI::App& app, GlobalOptions& global) {
  auto s = std::make_shared<EvaluateSettings>();
  CLI::App* command = app.add_subcommand(
      "evaluate", "Top-1 and top-5 accuracy of a weights file on labelled images");
  command->add_option("--weights", s->weights, "Weights file (as for predict)")->required();
  s->model.addTo(*command);
  auto* test =
      command->add_flag("--fmnist-test", s->fmnistTest, "Fashion-MNIST's 10,000 test images");
  auto* images = command->add_option(
      "--images", s->imagesDir,
      "A folder with one sub-folder of images per class (sorted names give the class indices)");
  test->excludes(images);
  command->add_option("--fmnist-dir", s->fmnistDir, "Fashion-MNIST IDX directory")
      ->capture_default_str();
  command->add_option("--limit", s->limit, "Only the first N images")->check(CLI::PositiveNumber);
  command->add_option("--batch", s->batch, "Images per forward pass")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--json", s->jsonPath, "Write the accuracies as JSON to this file");
  s->global = &global;
  addGlobalOptions(*command, global);
  return {command, [s, command] {
            if (!s->fmnistTest && s->imagesDir.empty()) {
              throw InputError("evaluate needs --fmnist-test or --images DIR");
            }
            evaluate(*s, *command);
          }};
}

}  // namespace ghostlens::cli
