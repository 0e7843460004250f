#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ghostlens/models/model_spec.h"

namespace ghostlens {

/// One layer of a per-layer ghost plan, as the advisor writes it.
struct PlanLayer {
  std::string name;          ///< "features.3"
  int64_t channels = 0;      ///< output maps C of the layer
  int64_t k = 0;             ///< intrinsic maps the plan keeps: ceil(C / s)
  int64_t ratio = 1;         ///< s
  int64_t dw = 3;            ///< d
  std::optional<double> r2;  ///< mean R^2 of the cheap-op fit at k; none: not measured
};

/// A per-layer plan: the file `ghostlens-cli advise --json` writes and `train --plan` reads.
/// JSON keys: "model", "width", "input", "classes", "name", "target", "macs", "params",
/// "layers": [{"name", "channels", "k", "s", "d", "r2"}] (r2 null when not measured).
struct GhostPlan {
  std::string name;  ///< a person's name for the plan; may be empty
  std::string model = "vgg16";
  double width = 1.0;
  std::array<int64_t, 3> input{1, 28, 28};
  int64_t classes = 10;
  double target = 0;             ///< the R^2 target it was advised at (0: a budget plan)
  int64_t macs = 0, params = 0;  ///< of the model it builds, counted
  std::vector<PlanLayer> layers;
};

/// The plan as JSON text (the keys above).
std::string planToJson(const GhostPlan& plan);
/// Parses a plan; throws InputError naming `source` and the key for malformed text, an unknown
/// model, or a layer with s < 1 or an even d.
GhostPlan planFromJson(const std::string& text, const std::string& source = "plan");
/// Reads a plan file; throws InputError for a missing or malformed one.
GhostPlan readPlanFile(const std::string& path);

/// The model spec a plan builds: its architecture, width, input and classes, s = 1 for layers the
/// plan leaves out, and each planned layer's s and d. Validated (validateSpec).
ModelSpec specOfPlan(const GhostPlan& plan);

/// The compact form of spec.plan and spec.planName that checkpoints and the experiment store
/// keep: {"name": ..., "layers": {"features.0": [s, d], ...}}; "" for a spec without a plan.
std::string specPlanText(const ModelSpec& spec);
/// Sets spec.plan and spec.planName from specPlanText() output ("" clears them). Throws
/// InputError naming `source` for malformed text.
void setSpecPlan(ModelSpec& spec, const std::string& text, const std::string& source);

}  // namespace ghostlens
