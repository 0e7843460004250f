#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ghostlens/store/experiment_store.h"

namespace ghostlens {

/// The paper's two ablations: the ratio s at d = 3 (Table 2, the vanilla model as s = 1) and
/// the cheap kernel d at s = 2 (Table 3).
enum class SweepKind { Ratio, Kernel };

/// One configuration of an ablation: what the ablation view draws as one point.
struct AblationPoint {
  int64_t ratio = 1;
  int64_t dw = 3;
  double params = 0;
  double macs = 0;
  double accuracy = 0;  ///< test accuracy as a fraction
  std::string label;    ///< "s=2" or "d=5": the swept value
  std::string details;  ///< one line per fact, for a tooltip
  int64_t runId = 0;    ///< the store's run id; 0 for the paper's rows
};

struct AblationSeries {
  std::string name;
  SweepKind kind = SweepKind::Ratio;
  bool paper = false;
  bool advised = false;  ///< runs of per-layer plans (kind Ratio: drawn with the s sweep)
  std::vector<AblationPoint> points;  ///< ordered by the swept value
};

/// resources/paper/vgg16_cifar10.json under resourceDirectory().
std::string paperTablePath();

/// The paper's VGG-16 CIFAR-10 rows of the data file, as an s series and a d series. Throws
/// InputError naming the file when it is missing or malformed.
std::vector<AblationSeries> paperSeries(const std::string& path);

/// The finished runs as ablation series: one s series and one d series per group of runs that
/// differ only in s and d (same architecture, width, input, classes and epochs). Of repeated
/// configurations the newest run (highest id) is kept. `origin` names where the runs come from
/// ("store", "shipped sweep") in the series' names. Runs of per-layer plans form one more
/// series per group ("advised plans", kind Ratio, `advised` set), every run a point.
std::vector<AblationSeries> storeSeries(const std::vector<RunRecord>& runs,
                                        const std::string& origin);

}  // namespace ghostlens
