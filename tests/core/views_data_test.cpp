// Core data behind the analysis views: CSV, Pareto frontier, paper table, runs JSON, ablation
// series, the analytic ghost cost and the depth profile.
#include <gtest/gtest.h>
#include <torch/torch.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "ghostlens/analysis/depth_profile.h"
#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/analysis/pareto.h"
#include "ghostlens/counting/complexity.h"
#include "ghostlens/counting/ghost_tradeoff.h"
#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/session/model_pair.h"
#include "ghostlens/session/pair_views.h"
#include "ghostlens/store/ablation_series.h"
#include "ghostlens/training/checkpoint.h"
#include "ghostlens/util/csv_table.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {
namespace {

namespace fs = std::filesystem;

TEST(CsvTable, QuotesWhatNeedsItAndChecksRowLengths) {
  CsvTable t{{"a", "b"}, {{"1", "x,y"}, {"say \"hi\"", "line\nbreak"}}};
  EXPECT_EQ(toCsv(t), "a,b\n1,\"x,y\"\n\"say \"\"hi\"\"\",\"line\nbreak\"\n");
  t.rows.push_back({"only one"});
  EXPECT_THROW(toCsv(t), std::invalid_argument);
}

TEST(CsvTable, NumbersReadBackExactly) {
  for (const double v : {0.0, 1.0, 93.7, 1.0 / 3.0, 158110000.0, 1e-300, -2.5e17}) {
    EXPECT_EQ(std::strtod(csvNumber(v).c_str(), nullptr), v) << csvNumber(v);
  }
  EXPECT_EQ(csvNumber(93.7), "93.7");
}

TEST(Pareto, KeepsOnlyUnbeatenPointsByCost) {
  //                              0    1    2    3    4    5
  const std::vector<double> cost{10, 20, 30, 15, 30, 5};
  const std::vector<double> acc{0.8, 0.9, 0.85, 0.7, 0.95, 0.6};
  EXPECT_EQ(paretoFrontier(cost, acc), (std::vector<std::size_t>{5, 0, 1, 4}));
  EXPECT_TRUE(paretoFrontier({}, {}).empty());
  EXPECT_EQ(paretoFrontier({1, 1}, {0.5, 0.5}), (std::vector<std::size_t>{0}));
  EXPECT_THROW(paretoFrontier({1}, {}), std::invalid_argument);
}

TEST(PaperTable, DataFileHoldsThePapersVgg16Rows) {
  // The oracle: paper-numbers.md, Tables 2 and 3 of the paper.
  struct Row {
    int64_t s, d;
    double params, macs, acc;
  };
  const std::vector<Row> ratio{{1, 3, 15e6, 313e6, 93.6},
                               {2, 3, 7.7e6, 158e6, 93.7},
                               {3, 3, 5.2e6, 107e6, 93.4},
                               {4, 3, 4.0e6, 80e6, 93.0},
                               {5, 3, 3.3e6, 65e6, 92.9}};
  const std::vector<Row> kernel{{2, 1, 7.6e6, 157e6, 93.5},
                                {2, 3, 7.7e6, 158e6, 93.7},
                                {2, 5, 7.7e6, 160e6, 93.4},
                                {2, 7, 7.7e6, 163e6, 93.1}};
  const auto series = paperSeries(paperTablePath());
  ASSERT_EQ(series.size(), 2u);
  for (const auto& [s, rows] : {std::pair{series[0], ratio}, std::pair{series[1], kernel}}) {
    EXPECT_TRUE(s.paper);
    ASSERT_EQ(s.points.size(), rows.size()) << s.name;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      EXPECT_EQ(s.points[i].ratio, rows[i].s);
      EXPECT_EQ(s.points[i].dw, rows[i].d);
      EXPECT_DOUBLE_EQ(s.points[i].params, rows[i].params);
      EXPECT_DOUBLE_EQ(s.points[i].macs, rows[i].macs);
      EXPECT_NEAR(s.points[i].accuracy, rows[i].acc / 100, 1e-12);
    }
  }
  EXPECT_EQ(series[0].kind, SweepKind::Ratio);
  EXPECT_EQ(series[0].points[1].label, "s=2");
  EXPECT_EQ(series[1].kind, SweepKind::Kernel);
  EXPECT_EQ(series[1].points[2].label, "d=5");
  EXPECT_THROW(paperSeries("/nonexistent/paper.json"), InputError);
}

fs::path freshDb(const std::string& name) {
  const fs::path path =
      fs::temp_directory_path() / ("ghostlens_" + name + std::to_string(::getpid()) + ".sqlite");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  return path;
}

int64_t addRun(ExperimentStore& store, int64_t s, int64_t d, double acc,
               const std::string& status = "finished", int64_t epochs = 3) {
  RunRecord r;
  r.spec = ModelSpec::defaults(Architecture::Vgg16);
  r.spec.width = 0.25;
  r.spec.ratio = s;
  r.spec.dw = d;
  r.spec.input = {1, 28, 28};
  r.params = 1000 / s + d;
  r.macs = 100000 / s + d;
  r.epochs = epochs;
  const int64_t id = store.beginRun(r);
  store.finishRun(id, status, acc, 1.5, 100);
  return id;
}

TEST(AblationSeries, StoreRunsRoundTripThroughJsonAndSplitIntoSweeps) {
  const fs::path db = freshDb("ablation");
  ExperimentStore store(db.string());
  addRun(store, 1, 3, 0.90);
  addRun(store, 2, 3, 0.91);
  addRun(store, 4, 3, 0.88);
  addRun(store, 2, 5, 0.89);
  addRun(store, 3, 3, 0.5, "cancelled");            // not drawn
  const int64_t newer = addRun(store, 4, 3, 0.87);  // replaces the older s = 4
  addRun(store, 2, 3, 0.80, "finished", 7);         // another group: 7 epochs

  const auto runs = runsFromJson(store.toJson());
  const auto direct = store.runs();
  ASSERT_EQ(runs.size(), direct.size());
  for (std::size_t i = 0; i < runs.size(); ++i) {
    EXPECT_EQ(runs[i].id, direct[i].id);
    EXPECT_EQ(runs[i].spec.ratio, direct[i].spec.ratio);
    EXPECT_EQ(runs[i].spec.input, direct[i].spec.input);
    EXPECT_EQ(runs[i].macs, direct[i].macs);
    EXPECT_EQ(runs[i].testAccuracy, direct[i].testAccuracy);
    EXPECT_EQ(runs[i].status, direct[i].status);
  }
  EXPECT_THROW(runsFromJson("{\"not\": \"runs\"}"), InputError);

  const auto series = storeSeries(runs, "store");
  // 3-epoch s sweep, 7-epoch s sweep, 3-epoch d sweep, 7-epoch d sweep.
  ASSERT_EQ(series.size(), 4u);
  const AblationSeries& s3 = series[0];
  EXPECT_EQ(s3.kind, SweepKind::Ratio);
  EXPECT_NE(s3.name.find("3 epochs (store): s sweep"), std::string::npos) << s3.name;
  ASSERT_EQ(s3.points.size(), 3u);  // s = 1, 2, 4
  EXPECT_EQ(s3.points[0].label, "s=1");
  EXPECT_EQ(s3.points[2].runId, newer);
  EXPECT_DOUBLE_EQ(s3.points[2].accuracy, 0.87);
  EXPECT_DOUBLE_EQ(s3.points[2].macs, 100000 / 4 + 3);
  const AblationSeries& d3 = series[2];
  EXPECT_EQ(d3.kind, SweepKind::Kernel);
  ASSERT_EQ(d3.points.size(), 2u);  // d = 3, 5
  EXPECT_EQ(d3.points[1].label, "d=5");
  EXPECT_NE(d3.points[1].details.find("test accuracy 89.00%"), std::string::npos);
}

// The paper's approximation of the ghost speed-up ratio, s*c/(s+c-1), for d = k.
double paperApproxRatio(double c, int64_t s) {
  const double sd = static_cast<double>(s);
  return sd * c / (sd + c - 1);
}

TEST(GhostTradeoff, PaperRatioMatchesItsApproximationWhenDEqualsK) {
  for (const int64_t s : {2, 3, 4, 8}) {
    for (const double c : {16.0, 64.0, 512.0}) {
      EXPECT_NEAR(paperGhostRatio(c * 9, s, 3), paperApproxRatio(c, s), 1e-9);
    }
  }
  EXPECT_DOUBLE_EQ(paperGhostRatio(9 * 64, 1, 3), 1.0);
  EXPECT_LT(paperGhostRatio(9 * 64, 2, 7), paperGhostRatio(9 * 64, 2, 3));
}

TEST(GhostTradeoff, DerivedCostEqualsTheCounterForEveryArchitecture) {
  for (const Architecture arch : allArchitectures()) {
    ModelSpec vanilla = ModelSpec::defaults(arch);
    vanilla.ratio = 1;
    if (arch == Architecture::GhostNet || arch == Architecture::ResNet50) {
      vanilla.input = {3, 64, 64};  // the shapes scale, the derivation does not care
    }
    if (arch == Architecture::GhostNet) vanilla.width = 0.5;
    const ComplexityReport base = countComplexity(vanilla);
    const bool big = arch == Architecture::ResNet50;
    const std::vector<int64_t> ratios =
        big ? std::vector<int64_t>{3} : std::vector<int64_t>{1, 2, 3, 5, 8};
    const std::vector<int64_t> dws = big ? std::vector<int64_t>{5} : std::vector<int64_t>{1, 3, 9};
    for (const int64_t s : ratios) {
      for (const int64_t d : dws) {
        ModelSpec ghost = vanilla;
        ghost.ratio = s;
        ghost.dw = d;
        const ComplexityReport counted = countComplexity(ghost);
        const GhostCost derived = ghostCostFromVanilla(base, s, d);
        EXPECT_EQ(derived.params, counted.params)
            << architectureName(arch) << " s" << s << " d" << d;
        EXPECT_EQ(derived.macs, counted.macs) << architectureName(arch) << " s" << s << " d" << d;
        EXPECT_DOUBLE_EQ(derived.speedup, double(base.macs) / double(counted.macs));
        // Eq. 4 gives at most s; with d > k a cheap op on few input channels can cost more
        // than the conv it replaces (GhostNet's 1x1 modules at d = 9), so only d = 1 must gain.
        if (s == 1) {
          EXPECT_DOUBLE_EQ(derived.paperSpeedup, 1.0);
        } else {
          EXPECT_LT(derived.paperSpeedup, double(s));
          if (arch == Architecture::MobileNetV2) {
            // Its depthwise convs become ordinary primary convs: a ghost MobileNetV2 never gains.
            EXPECT_LT(derived.paperSpeedup, 1.0);
            EXPECT_LT(derived.speedup, 1.0);
          } else if (d == 1) {
            EXPECT_GT(derived.paperSpeedup, 1.0);
          }
        }
      }
    }
  }
}

TEST(GhostTradeoff, RejectsGhostReportsAndBadValues) {
  const ComplexityReport ghost = countComplexity(ModelSpec::defaults(Architecture::Vgg16));
  EXPECT_THROW(ghostCostFromVanilla(ghost, 2, 3), std::invalid_argument);
  ModelSpec vanilla = ModelSpec::defaults(Architecture::Vgg16);
  vanilla.ratio = 1;
  const ComplexityReport base = countComplexity(vanilla);
  EXPECT_THROW(ghostCostFromVanilla(base, 0, 3), std::invalid_argument);
  EXPECT_THROW(ghostCostFromVanilla(base, 2, 4), std::invalid_argument);
  const TradeoffCurves curves = tradeoffCurves(base, {1, 2, 3}, 3, {1, 3, 5}, 2);
  ASSERT_EQ(curves.ratioSweep.size(), 3u);
  ASSERT_EQ(curves.kernelSweep.size(), 3u);
  EXPECT_EQ(curves.ratioSweep[0].macs, base.macs);
  EXPECT_EQ(curves.kernelSweep[1].macs, curves.ratioSweep[1].macs);  // both s = 2, d = 3
  EXPECT_LT(curves.kernelSweep[0].macs, curves.kernelSweep[2].macs);
}

TEST(DepthProfile, PairsLayersByNameWithTheirAnalysisAndMacs) {
  torch::manual_seed(3);
  ModelSpec ghostSpec = ModelSpec::defaults(Architecture::Vgg16);
  ghostSpec.width = 0.25;
  ghostSpec.input = {1, 28, 28};
  ModelSpec vanillaSpec = ghostSpec;
  vanillaSpec.ratio = 1;
  auto vanilla = buildModel(vanillaSpec);
  auto ghost = buildModel(ghostSpec);
  const ModelPair pair(
      LoadedModel::ofZoo(ModelSource::untrained(vanillaSpec), vanillaSpec, vanilla),
      LoadedModel::ofZoo(ModelSource::untrained(ghostSpec), ghostSpec, ghost));
  const torch::Tensor input = torch::rand({2, 1, 28, 28});
  AnalysisOptions options;
  const DepthProfile profile = depthProfile(pair, input, options);
  ASSERT_EQ(profile.layers.size(), 13u);
  EXPECT_FALSE(profile.cancelled);

  const auto expectedGhost = analyzeLayers(runWithTaps(*ghost, input), options);
  const auto ghostTotals = layerTotals(countComplexity(*ghost, ghostSpec.input));
  for (std::size_t i = 0; i < profile.layers.size(); ++i) {
    const DepthLayer& layer = profile.layers[i];
    EXPECT_EQ(layer.name, expectedGhost[i].name);
    // 2x2 maps (features.14 to 16 at 28x28) are too small to compare: NaN, a gap in the view.
    const bool tiny = !expectedGhost[i].comparable;
    EXPECT_EQ(tiny, expectedGhost[i].height * expectedGhost[i].width < 16) << layer.name;
    EXPECT_EQ(std::isnan(layer.ghostRedundancy), tiny) << layer.name;
    EXPECT_EQ(std::isnan(layer.ghostImpliedRatio), tiny) << layer.name;
    if (!tiny) {
      EXPECT_DOUBLE_EQ(layer.ghostRedundancy, expectedGhost[i].redundancy.score);
      EXPECT_DOUBLE_EQ(layer.ghostImpliedRatio, expectedGhost[i].rank.impliedRatio);
    }
    EXPECT_DOUBLE_EQ(layer.ghostEffectiveRank, expectedGhost[i].rank.effectiveRank);
    const auto total = std::find_if(ghostTotals.begin(), ghostTotals.end(),
                                    [&](const LayerTotal& t) { return t.name == layer.name; });
    ASSERT_NE(total, ghostTotals.end()) << layer.name;
    EXPECT_EQ(layer.ghostMacs, total->macs);
    // The first conv sees one channel: its 3x3 cheap op costs what the halved conv saves.
    if (i == 0) {
      EXPECT_EQ(layer.vanillaMacs, layer.ghostMacs);
    } else {
      EXPECT_GT(layer.vanillaMacs, layer.ghostMacs) << layer.name;
    }
  }

  int calls = 0;
  const DepthProfile cut = depthProfile(pair, input, options,
                                        [&calls](std::size_t, std::size_t) { return ++calls < 3; });
  EXPECT_TRUE(cut.cancelled);
  EXPECT_TRUE(cut.layers.empty());  // the ghost model was never reached
}

TEST(DepthProfile, ASingleModelFillsTheFirstFieldsOnly) {
  ModelSpec spec = ModelSpec::defaults(Architecture::Vgg16);
  spec.width = 0.25;
  spec.input = {1, 28, 28};
  const ModelPair single(loadModel(ModelSource::untrained(spec)));
  const DepthProfile profile = depthProfile(single, torch::rand({1, 1, 28, 28}), {});
  EXPECT_FALSE(profile.paired);
  ASSERT_EQ(profile.layers.size(), 13u);
  EXPECT_GT(profile.layers[3].vanillaMacs, 0);
  EXPECT_EQ(profile.layers[3].ghostMacs, 0);
}

TEST(PairDepthProfile, EqualsDepthProfileOfTheLoadedPair) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("ghostlens_depth_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  torch::manual_seed(23);
  ModelSpec ghostSpec = ModelSpec::defaults(Architecture::Vgg16);
  ghostSpec.width = 0.25;
  ghostSpec.input = {1, 28, 28};
  ghostSpec.dw = 5;  // the cheap-op fit must take the ghost model's d
  ModelSpec vanillaSpec = ghostSpec;
  vanillaSpec.ratio = 1;
  auto vanilla = buildModel(vanillaSpec);
  auto ghost = buildModel(ghostSpec);
  const std::string vanillaPath = (dir / "v.pt").string(), ghostPath = (dir / "g.pt").string();
  saveCheckpoint(vanillaPath, vanillaSpec, *vanilla, nullptr, 0);
  saveCheckpoint(ghostPath, ghostSpec, *ghost, nullptr, 0);

  AnalysisOptions options;
  options.metric = Metric::CheapFit;
  options.threshold = 0.7;
  options.dw = 5;
  const torch::Tensor input = fashionMnistInput(FashionMnist::kDefaultDirectory, 7, ghostSpec);
  const ModelPair pair(
      LoadedModel::ofZoo(ModelSource::untrained(vanillaSpec), vanillaSpec, vanilla),
      LoadedModel::ofZoo(ModelSource::untrained(ghostSpec), ghostSpec, ghost));
  const DepthProfile expected = depthProfile(pair, input, options);
  const PairSource files{ModelSource::file(vanillaPath), ModelSource::file(ghostPath)};
  const DepthProfile got =
      pairDepthProfile(files, InputSource::fashionMnist(7), Metric::CheapFit, 0.7);
  ASSERT_EQ(got.layers.size(), expected.layers.size());
  for (std::size_t i = 0; i < got.layers.size(); ++i) {
    EXPECT_EQ(got.layers[i].name, expected.layers[i].name);
    EXPECT_EQ(std::isnan(got.layers[i].ghostRedundancy),
              std::isnan(expected.layers[i].ghostRedundancy));
    if (!std::isnan(expected.layers[i].ghostRedundancy)) {
      EXPECT_DOUBLE_EQ(got.layers[i].ghostRedundancy, expected.layers[i].ghostRedundancy);
    }
    EXPECT_DOUBLE_EQ(got.layers[i].vanillaEffectiveRank, expected.layers[i].vanillaEffectiveRank);
    EXPECT_EQ(got.layers[i].ghostMacs, expected.layers[i].ghostMacs);
  }
  // A pair whose inputs differ is refused.
  ModelSpec rgb = vanillaSpec;
  rgb.input = {3, 32, 32};
  const std::string rgbPath = (dir / "rgb.pt").string();
  saveCheckpoint(rgbPath, rgb, *buildModel(rgb), nullptr, 0);
  EXPECT_THROW(pairDepthProfile({ModelSource::file(rgbPath), ModelSource::file(ghostPath)},
                                InputSource::fashionMnist(0), Metric::Cosine, 0.9),
               std::invalid_argument);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ghostlens
