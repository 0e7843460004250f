#include "ghostlens/store/ablation_series.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "../util/json_numbers.h"
#include "ghostlens/resources/shipped_files.h"
#include "ghostlens/training/paper_sweep.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

std::string millions(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3fM", value / 1e6);
  return buffer;
}

std::string percent(double fraction) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f%%", fraction * 100);
  return buffer;
}

std::string sweptLabel(SweepKind kind, int64_t ratio, int64_t dw) {
  return kind == SweepKind::Ratio ? "s=" + std::to_string(ratio) : "d=" + std::to_string(dw);
}

std::string widthText(double width) {
  std::ostringstream out;
  out << width;
  return out.str();
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs that may share a plot: everything but s, d and the run's own facts equal.
using GroupKey = std::tuple<Architecture, double, std::array<int64_t, 3>, int64_t, int64_t>;

/// "vgg16 w0.25 1x28x28, 8 epochs (store): s sweep, d = 3"
std::string groupName(const GroupKey& key, const std::string& origin, const std::string& what) {
  const auto& [arch, width, input, classes, epochs] = key;
  (void)classes;
  return architectureName(arch) + " w" + widthText(width) + " " + std::to_string(input[0]) + "x" +
         std::to_string(input[1]) + "x" + std::to_string(input[2]) + ", " + std::to_string(epochs) +
         " epochs (" + origin + "): " + what;
}

AblationPoint runPoint(const RunRecord& r, SweepKind kind) {
  AblationPoint p;
  p.ratio = r.spec.ratio;
  p.dw = r.spec.dw;
  p.params = static_cast<double>(r.params);
  p.macs = static_cast<double>(r.macs);
  p.accuracy = r.testAccuracy;
  // A per-layer plan has no one s or d: its name stands for them.
  p.label = r.spec.hasPlan() ? (r.spec.planName.empty() ? "plan" : r.spec.planName)
                             : sweptLabel(kind, r.spec.ratio, r.spec.dw);
  p.runId = r.id;
  const std::string form =
      r.spec.hasPlan() ? ", plan " + p.label
                       : ", s=" + std::to_string(r.spec.ratio) + ", d=" + std::to_string(r.spec.dw);
  p.details = architectureName(r.spec.arch) + " width " + widthText(r.spec.width) + form +
              "\ntest accuracy " + percent(r.testAccuracy) + "\nparams " + millions(p.params) +
              ", MACs " + millions(p.macs) + "\n" + std::to_string(r.epochs) + " epochs, seed " +
              std::to_string(r.seed) + ", run " + std::to_string(r.id) + "\nended " + r.endedAt;
  return p;
}

}  // namespace

std::string paperTablePath() {
  return (std::filesystem::path(resourceDirectory()) / "paper" / "vgg16_cifar10.json").string();
}

std::vector<AblationSeries> paperSeries(const std::string& path) {
  AblationSeries ratio{
      "VGG-16 CIFAR-10 (paper): s sweep, d = 3", SweepKind::Ratio, true, false, {}};
  AblationSeries kernel{
      "VGG-16 CIFAR-10 (paper): d sweep, s = 2", SweepKind::Kernel, true, false, {}};
  try {
    const nlohmann::json doc = parseCheckedJson(readFile(path), path);
    for (const auto& row : doc.at("rows")) {
      const std::string sweep = row.at("sweep").get<std::string>();
      if (sweep != "s" && sweep != "d") throw InputError("sweep must be \"s\" or \"d\"");
      const SweepKind kind = sweep == "s" ? SweepKind::Ratio : SweepKind::Kernel;
      AblationPoint p;
      p.ratio = row.at("ratio").get<int64_t>();
      p.dw = row.at("dw").get<int64_t>();
      p.params = row.at("params").get<double>();
      p.macs = row.at("macs").get<double>();
      p.accuracy = row.at("accuracy_percent").get<double>() / 100.0;
      p.label = sweptLabel(kind, p.ratio, p.dw);
      p.details = "paper, VGG-16 on CIFAR-10, s=" + std::to_string(p.ratio) +
                  ", d=" + std::to_string(p.dw) + "\ntest accuracy " + percent(p.accuracy) +
                  "\nparams " + millions(p.params) + ", MACs " + millions(p.macs);
      (kind == SweepKind::Ratio ? ratio : kernel).points.push_back(std::move(p));
    }
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path + ": " + e.what());
  }
  return {ratio, kernel};
}

std::vector<AblationSeries> storeSeries(const std::vector<RunRecord>& runs,
                                        const std::string& origin) {
  // Per group, the newest finished run of each swept value.
  std::map<GroupKey, std::map<int64_t, RunRecord>> byRatio, byKernel, byPlan;
  for (const RunRecord& r : runs) {
    if (r.status != "finished") continue;
    const GroupKey key{r.spec.arch, r.spec.width, r.spec.input, r.spec.classes, r.epochs};
    if (r.spec.hasPlan()) {  // every seed of every plan: the plans are the experiment
      byPlan[key][r.id] = r;
      continue;
    }
    auto keep = [&r](std::map<int64_t, RunRecord>& slot, int64_t value) {
      auto it = slot.find(value);
      if (it == slot.end() || it->second.id < r.id) slot[value] = r;
    };
    if (r.spec.ratio == 1 || r.spec.dw == PaperSweep::kKernelOfRatioSweep) {
      keep(byRatio[key], r.spec.ratio);
    }
    if (r.spec.ratio == PaperSweep::kRatioOfKernelSweep) keep(byKernel[key], r.spec.dw);
  }
  std::vector<AblationSeries> series;
  auto add = [&](const std::map<GroupKey, std::map<int64_t, RunRecord>>& groups, SweepKind kind) {
    for (const auto& [key, members] : groups) {
      AblationSeries s;
      s.kind = kind;
      s.name =
          groupName(key, origin, kind == SweepKind::Ratio ? "s sweep, d = 3" : "d sweep, s = 2");
      for (const auto& member : members) s.points.push_back(runPoint(member.second, kind));
      series.push_back(std::move(s));
    }
  };
  add(byRatio, SweepKind::Ratio);
  add(byKernel, SweepKind::Kernel);
  // Advised per-layer plans go with the s sweep: both trade MACs for accuracy at d = 3 or near.
  for (const auto& [key, members] : byPlan) {
    AblationSeries s;
    s.kind = SweepKind::Ratio;
    s.advised = true;
    s.name = groupName(key, origin, "advised plans");
    for (const auto& [id, r] : members) s.points.push_back(runPoint(r, SweepKind::Ratio));
    std::sort(s.points.begin(), s.points.end(),
              [](const AblationPoint& a, const AblationPoint& b) { return a.macs > b.macs; });
    series.push_back(std::move(s));
  }
  return series;
}

}  // namespace ghostlens
