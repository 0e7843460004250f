#include "stats_command.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "ghostlens/counting/complexity.h"
#include "ghostlens/session/model_pair.h"
#include "model_options.h"
#include "number_format.h"

namespace ghostlens::cli {

namespace {

struct StatsSettings {
  ModelOptions model;
  std::string weights;
  bool json = false;
};

nlohmann::json toJson(const ModelSpec& spec, const ComplexityReport& report) {
  nlohmann::json layers = nlohmann::json::array();
  for (const LayerCost& layer : report.layers) {
    layers.push_back({{"name", layer.name},
                      {"type", layer.type},
                      {"output", layer.output},
                      {"params", layer.params},
                      {"macs", layer.macs}});
  }
  nlohmann::json plan = nullptr;
  if (spec.hasPlan()) {
    plan = nlohmann::json::object();
    for (const auto& [name, g] : spec.plan) plan[name] = {{"s", g.ratio}, {"d", g.dw}};
  }
  return {{"model", architectureName(spec.arch)},
          {"plan", plan},
          {"ratio", spec.ratio},
          {"dw", spec.dw},
          {"width", spec.width},
          {"input", spec.input},
          {"classes", spec.classes},
          {"params", report.params},
          {"macs", report.macs},
          {"layers", layers}};
}

/// A model of another kind than the zoo: no ratio, d, width or plan to report.
nlohmann::json toJson(const LoadedModel& loaded, const ComplexityReport& report) {
  nlohmann::json json = toJson(loaded.spec, report);
  json["model"] = loaded.modelName();
  for (const char* zooOnly : {"ratio", "dw", "width"}) json[zooOnly] = nullptr;
  return json;
}

void printTable(const std::string& title, const ModelSpec& spec, const ComplexityReport& report) {
  std::printf("%s, input %lldx%lldx%lld, %lld classes\n", title.c_str(),
              static_cast<long long>(spec.input[0]), static_cast<long long>(spec.input[1]),
              static_cast<long long>(spec.input[2]), static_cast<long long>(spec.classes));
  for (const auto& [name, g] : spec.plan) {
    std::printf("plan: %s s=%lld d=%lld\n", name.c_str(), static_cast<long long>(g.ratio),
                static_cast<long long>(g.dw));
  }
  std::printf("%-48s %-18s %-16s %12s %15s\n", "layer", "type", "output", "params", "MACs");
  for (const LayerCost& layer : report.layers) {
    const std::string shape = std::to_string(layer.output[0]) + "x" +
                              std::to_string(layer.output[1]) + "x" +
                              std::to_string(layer.output[2]);
    std::printf("%-48s %-18s %-16s %12s %15s\n", layer.name.c_str(), layer.type.c_str(),
                shape.c_str(), groupedThousands(layer.params).c_str(),
                groupedThousands(layer.macs).c_str());
  }
  std::printf("total: params %s (%s), MACs %s (%s)\n", groupedThousands(report.params).c_str(),
              humanCount(report.params).c_str(), groupedThousands(report.macs).c_str(),
              humanCount(report.macs).c_str());
}

}  // namespace

Command addStatsCommand(CLI::App& app, GlobalOptions& global) {
  auto settings = std::make_shared<StatsSettings>();
  CLI::App* command =
      app.add_subcommand("stats", "Per-layer params and MACs of a model, and the totals");
  settings->model.addTo(*command);
  settings->model.addPlanTo(*command);
  command
      ->add_option("--weights", settings->weights,
                   "Count the model of a file instead: any weights file (the zoo model is "
                   "inferred unless model flags say otherwise) or a TorchScript file (counted "
                   "from one forward at --input, 3x224x224 without)")
      ->excludes("--plan");
  command->add_flag("--json", settings->json, "Print one JSON object on stdout");
  addGlobalOptions(*command, global);
  return {command, [settings, command] {
            if (!settings->weights.empty()) {
              const LoadedModel loaded = settings->model.loadWeights(settings->weights, *command);
              const ComplexityReport report = loaded.model->count(loaded.spec.input);
              const bool zoo = loaded.kind() == ModelKind::Zoo;
              if (settings->json) {
                std::cout << (zoo ? toJson(loaded.spec, report) : toJson(loaded, report)).dump()
                          << '\n';
              } else {
                printTable(loaded.description(), loaded.spec, report);
              }
              return;
            }
            const ModelSpec spec = settings->model.spec();
            const ComplexityReport report = countComplexity(spec);
            if (settings->json) {
              std::cout << toJson(spec, report).dump() << '\n';
            } else {
              printTable(describeSpec(spec), spec, report);
            }
          }};
}

}  // namespace ghostlens::cli
