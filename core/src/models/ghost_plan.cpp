#include "ghostlens/models/ghost_plan.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../util/json_numbers.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

using Json = nlohmann::json;

Json parsePlanJson(const std::string& text, const std::string& source) {
  try {
    return parseCheckedJson(text, source);
  } catch (const Json::exception& e) {
    throw InputError(source + ": not JSON (" + e.what() + ")");
  }
}

}  // namespace

std::string planToJson(const GhostPlan& plan) {
  Json layers = Json::array();
  for (const PlanLayer& l : plan.layers) {
    layers.push_back({{"name", l.name},
                      {"channels", l.channels},
                      {"k", l.k},
                      {"s", l.ratio},
                      {"d", l.dw},
                      {"r2", l.r2 ? Json(*l.r2) : Json(nullptr)}});
  }
  return Json{{"model", plan.model},     {"width", plan.width},   {"input", plan.input},
              {"classes", plan.classes}, {"name", plan.name},     {"target", plan.target},
              {"macs", plan.macs},       {"params", plan.params}, {"layers", layers}}
      .dump(2);
}

GhostPlan planFromJson(const std::string& text, const std::string& source) {
  const Json j = parsePlanJson(text, source);
  GhostPlan plan;
  try {
    plan.model = j.at("model").get<std::string>();
    plan.width = j.at("width").get<double>();
    plan.input = j.at("input").get<std::array<int64_t, 3>>();
    plan.classes = j.value("classes", int64_t{10});
    plan.name = j.value("name", std::string());
    plan.target = j.value("target", 0.0);
    plan.macs = j.value("macs", int64_t{0});
    plan.params = j.value("params", int64_t{0});
    for (const Json& l : j.at("layers")) {
      PlanLayer layer;
      layer.name = l.at("name").get<std::string>();
      layer.channels = l.value("channels", int64_t{0});
      layer.k = l.value("k", int64_t{0});
      layer.ratio = l.at("s").get<int64_t>();
      layer.dw = l.at("d").get<int64_t>();
      if (l.contains("r2") && !l.at("r2").is_null()) layer.r2 = l.at("r2").get<double>();
      plan.layers.push_back(layer);
    }
  } catch (const Json::exception& e) {
    throw InputError(source + ": not a GhostLens plan (" + e.what() + ")");
  }
  if (!parseArchitecture(plan.model)) throw InputError(source + ": unknown model " + plan.model);
  try {
    specOfPlan(plan);  // validates s, d, width and input with the usual messages
  } catch (const InputError& e) {
    throw InputError(source + ": " + e.what());
  }
  return plan;
}

GhostPlan readPlanFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read plan " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return planFromJson(text.str(), path);
}

ModelSpec specOfPlan(const GhostPlan& plan) {
  const auto arch = parseArchitecture(plan.model);
  if (!arch) throw InputError("plan: unknown model " + plan.model);
  ModelSpec spec = ModelSpec::defaults(*arch);
  spec.width = plan.width;
  spec.input = plan.input;
  spec.classes = plan.classes;
  spec.ratio = 1;
  spec.dw = 3;
  spec.planName = plan.name;
  for (const PlanLayer& l : plan.layers) {
    if (!spec.plan.emplace(l.name, LayerGhosting{l.ratio, l.dw}).second) {
      throw InputError("plan: layer " + l.name + " is listed twice");
    }
  }
  validateSpec(spec);
  return spec;
}

std::string specPlanText(const ModelSpec& spec) {
  if (!spec.hasPlan()) return "";
  Json layers = Json::object();
  for (const auto& [name, g] : spec.plan) layers[name] = {g.ratio, g.dw};
  return Json{{"name", spec.planName}, {"layers", layers}}.dump();
}

void setSpecPlan(ModelSpec& spec, const std::string& text, const std::string& source) {
  spec.plan.clear();
  spec.planName.clear();
  if (text.empty()) return;
  const Json j = parsePlanJson(text, source);
  try {
    spec.planName = j.at("name").get<std::string>();
    for (const auto& [name, g] : j.at("layers").items()) {
      spec.plan[name] = LayerGhosting{g.at(0).get<int64_t>(), g.at(1).get<int64_t>()};
    }
  } catch (const Json::exception& e) {
    throw InputError(source + ": bad per-layer plan (" + e.what() + ")");
  }
}

}  // namespace ghostlens
