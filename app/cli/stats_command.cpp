#include "stats_command.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "ghostlens/counting/complexity.h"
#include "model_options.h"
#include "number_format.h"

namespace ghostlens::cli {

namespace {

struct StatsSettings {
  ModelOptions model;
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

void printTable(const ModelSpec& spec, const ComplexityReport& report) {
  std::printf("%s, input %lldx%lldx%lld, %lld classes\n", describeSpec(spec).c_str(),
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
  command->add_flag("--json", settings->json, "Print one JSON object on stdout");
  addGlobalOptions(*command, global);
  return {command, [settings] {
            const ModelSpec spec = settings->model.spec();
            const ComplexityReport report = countComplexity(spec);
            if (settings->json) {
              std::cout << toJson(spec, report).dump() << '\n';
            } else {
              printTable(spec, report);
            }
          }};
}

}  // namespace ghostlens::cli
