#include "model_options.h"

#include "ghostlens/models/ghost_plan.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens::cli {

namespace {
// CLI11's PositiveNumber prints the whole double range in its message; ours names the rule.
CLI::Validator positive(bool integer) {
  return CLI::Validator(
      [integer](std::string& value) -> std::string {
        try {
          std::size_t used = 0;
          const double v =
              integer ? static_cast<double>(std::stoll(value, &used)) : std::stod(value, &used);
          if (used == value.size() && v > 0) return {};
        } catch (const std::exception&) {
        }
        return std::string("must be a positive ") + (integer ? "integer" : "number") + ", got '" +
               value + "'";
      },
      integer ? "INT>0" : "NUM>0", "positive");
}

const CLI::Validator kOddPositive(
    [](std::string& value) -> std::string {
      try {
        std::size_t used = 0;
        const long long d = std::stoll(value, &used);
        if (used == value.size() && d >= 1 && d % 2 == 1) return {};
      } catch (const std::exception&) {
      }
      return "must be an odd integer >= 1, got '" + value + "'";
    },
    "ODD>=1", "odd");
}  // namespace

void ModelOptions::addTo(CLI::App& command) {
  std::vector<std::string> names;
  for (Architecture arch : allArchitectures()) names.push_back(architectureName(arch));
  modelFlags_.clear();
  modelFlags_.push_back(command.add_option("--model", model_, "Architecture")
                            ->check(CLI::IsMember(names))
                            ->capture_default_str());
  modelFlags_.push_back(command.add_option("--width", width_, "Width multiplier")
                            ->check(positive(false))
                            ->capture_default_str());
  modelFlags_.push_back(
      command.add_option("--ratio", ratio_, "Ghost ratio s (1 = vanilla convolutions)")
          ->check(positive(true))
          ->capture_default_str());
  modelFlags_.push_back(
      command.add_option("--dw", dw_, "Kernel d of the cheap depthwise operation")
          ->check(kOddPositive)
          ->capture_default_str());
  modelFlags_.push_back(
      command.add_option("--input", input_, "Input shape C,H,W (default: the model's)")
          ->delimiter(',')
          ->expected(3)
          ->check(positive(true)));
  modelFlags_.push_back(
      command.add_option("--classes", classes_, "Number of classes (default: the model's)")
          ->check(positive(true)));
}

void ModelOptions::addPlanTo(CLI::App& command) {
  CLI::Option* plan = command.add_option(
      "--plan", plan_, "A per-layer plan (JSON from `advise --json`) instead of the model flags");
  for (CLI::Option* flag : modelFlags_) plan->excludes(flag);
}

void ModelOptions::useFashionMnistDefaults() {
  model_ = "vgg16";
  input_ = {1, 28, 28};
  classes_ = 10;
}

ModelSpec ModelOptions::spec() const {
  if (!plan_.empty()) {
    try {
      return specOfPlan(readPlanFile(plan_));
    } catch (const InputError& e) {
      throw InputError(std::string("--plan: ") + e.what());
    }
  }
  ModelSpec spec = ModelSpec::defaults(*parseArchitecture(model_));
  spec.width = width_;
  spec.ratio = ratio_;
  spec.dw = dw_;
  if (input_.size() == 3) spec.input = {input_[0], input_[1], input_[2]};
  if (classes_ > 0) spec.classes = classes_;
  validateSpec(spec);
  return spec;
}

LoadedModel ModelOptions::loadWeights(const std::string& weights, const CLI::App& command) const {
  try {
    return loadModel(ModelSource::file(weights, hints(command)));
  } catch (const InputError& e) {
    throw InputError(std::string("--weights: ") + e.what());
  }
}

}  // namespace ghostlens::cli

namespace ghostlens::cli {

SpecHints ModelOptions::hints(const CLI::App& command) const {
  SpecHints hints;
  if (command.count("--model") > 0) hints.arch = parseArchitecture(model_);
  if (command.count("--width") > 0) hints.width = width_;
  if (command.count("--ratio") > 0) hints.ratio = ratio_;
  if (command.count("--dw") > 0) hints.dw = dw_;
  if (command.count("--classes") > 0) hints.classes = classes_;
  if (command.count("--input") > 0)
    hints.input = std::array<int64_t, 3>{input_[0], input_[1], input_[2]};
  return hints;
}

}  // namespace ghostlens::cli
