// The explorer's core session: the layer asked for first, then the whole pair, cancel and errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <stdexcept>
#include <thread>

#include <torch/torch.h>

#include "ghostlens/analysis/redundancy.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/session/explorer_session.h"
#include "ghostlens/session/model_pair.h"
#include "ghostlens/util/input_error.h"

using namespace ghostlens;

namespace {

ExplorerView analyzeAll(ExplorerSession& session, const PairSource& pair, const InputSource& input,
                        Metric metric = Metric::Cosine) {
  return session.analyze(pair, input, metric, 0.9, {}, {}, {});
}

const PairSource kPair = PairSource::untrained(ModelSpec::defaults(Architecture::Vgg16));

}  // namespace

TEST(ExplorerSession, TheLayerAskedForComesFirstAndAgreesWithTheWholeRun) {
  ExplorerSession session;
  const InputSource input = InputSource::fashionMnist(3);
  const ExplorerView whole = analyzeAll(session, kPair, input);
  ASSERT_TRUE(whole.complete);
  ASSERT_TRUE(whole.paired);
  ASSERT_GT(whole.first.size(), 3u);
  ASSERT_EQ(whole.first.size(), whole.second.size());
  EXPECT_EQ(whole.firstTop.size(), 5u);
  EXPECT_EQ(whole.secondTop.size(), 5u);
  EXPECT_NE(whole.inputDescription.find("Fashion-MNIST"), std::string::npos);
  EXPECT_GT(whole.inputPicture.width, 0);

  const std::size_t k = whole.first.size() / 2;
  const std::string name = whole.first[k].name();
  int calls = 0;
  std::vector<double> early;
  const ExplorerView again = session.analyze(
      kPair, input, Metric::Cosine, 0.9, name,
      [&](const ExplorerView& partial) {
        ++calls;
        EXPECT_FALSE(partial.complete);
        ASSERT_EQ(partial.first.size(), 1u);
        ASSERT_EQ(partial.second.size(), 1u);
        EXPECT_EQ(partial.first[0].name(), name);
        EXPECT_TRUE(partial.firstTop.empty());  // no predictions before the passes end
        early = partial.first[0].similarity();
      },
      {});
  EXPECT_EQ(calls, 1);
  ASSERT_EQ(again.first.size(), whole.first.size());
  const std::vector<double> late = whole.first[k].similarity();
  ASSERT_EQ(early.size(), late.size());
  for (std::size_t i = 0; i < late.size(); ++i) EXPECT_NEAR(early[i], late[i], 1e-5) << i;
}

TEST(ExplorerSession, ALayerTheModelsDoNotHaveIsNotAnalysedFirst) {
  ExplorerSession session;
  int calls = 0;
  const ExplorerView view =
      session.analyze(kPair, InputSource::fashionMnist(0), Metric::Pearson, 0.9, "no.such.layer",
                      [&](const ExplorerView&) { ++calls; }, {});
  EXPECT_EQ(calls, 0);
  EXPECT_TRUE(view.complete);
  EXPECT_FALSE(view.first.empty());
}

TEST(ExplorerSession, LayerViewsReadTheirMatrixAndRefuseMapsOutsideIt) {
  ExplorerSession session;
  const ExplorerView view = analyzeAll(session, kPair, InputSource::fashionMnist(1));
  const LayerView& layer = view.second.front();
  const int64_t c = layer.channels();
  const std::vector<double> matrix = layer.similarity();
  ASSERT_EQ(matrix.size(), static_cast<std::size_t>(c * c));
  EXPECT_DOUBLE_EQ(layer.similarityAt(1, c - 1), matrix[static_cast<std::size_t>(c + c - 1)]);
  EXPECT_THROW(layer.similarityAt(c, 0), std::out_of_range);
  EXPECT_THROW(layer.similarityAt(0, -1), std::out_of_range);
  EXPECT_THROW(layer.detail(c, 3, Metric::Cosine, 3, ColorScale::PerMap, Colormap::Gray, nullptr),
               std::out_of_range);
  EXPECT_EQ(layer.images(ColorScale::PerMap, Colormap::Gray, nullptr).size(),
            static_cast<std::size_t>(c));
  EXPECT_EQ(layer.stats().size(), static_cast<std::size_t>(c));
  const double loose = layer.score(0.0), strict = layer.score(0.999);
  EXPECT_GE(loose, strict);  // a lower threshold counts at least as many maps redundant
  EXPECT_LE(loose, 1.0);
  EXPECT_GE(strict, 0.0);
  const LayerView empty;
  EXPECT_TRUE(empty.similarity().empty());
  EXPECT_EQ(empty.channels(), 0);
}

// The heatmap's overview: each cell the best score of its block of maps (a last block may be
// smaller), checked cell by cell against the full matrix; a window is the matrix itself, kept
// inside it. And the pairs found for the shown layer on the worker are the ones asked for.
TEST(ExplorerSession, OverviewCellsAreTheirBlocksBestAndWindowsTheMatrix) {
  ExplorerSession session;
  const ExplorerView view = analyzeAll(session, kPair, InputSource::fashionMnist(1));
  const auto largest = std::max_element(
      view.first.begin(), view.first.end(),
      [](const LayerView& a, const LayerView& b) { return a.channels() < b.channels(); });
  const LayerView& layer = *largest;
  const int64_t c = layer.channels();
  ASSERT_GT(c, 8);
  const std::vector<double> m = layer.similarity();
  for (const int64_t side : {int64_t{5}, int64_t{7}, c}) {
    const SimilarityWindow w = layer.similarityOverview(side);
    const int64_t k = (c + side - 1) / side;
    ASSERT_EQ(w.mapsPerCell, k) << side;
    ASSERT_EQ(w.cells, (c + k - 1) / k) << side;
    ASSERT_EQ(w.values.size(), static_cast<std::size_t>(w.cells * w.cells));
    EXPECT_EQ(w.maps, c);
    for (int64_t i = 0; i < w.cells; ++i) {
      for (int64_t j = 0; j < w.cells; ++j) {
        double best = -1e300;
        for (int64_t r = i * k; r < std::min(c, (i + 1) * k); ++r) {
          for (int64_t q = j * k; q < std::min(c, (j + 1) * k); ++q) {
            best = std::max(best, m[static_cast<std::size_t>(r * c + q)]);
          }
        }
        EXPECT_EQ(w.values[static_cast<std::size_t>(i * w.cells + j)], best)
            << side << ": cell " << i << "," << j;
      }
    }
  }
  const SimilarityWindow w = layer.similarityWindow(2, c, 4);  // pushed back inside
  EXPECT_EQ(w.firstRow, 2);
  EXPECT_EQ(w.firstColumn, c - 4);
  EXPECT_EQ(w.mapsPerCell, 1);
  for (int64_t i = 0; i < 4; ++i) {
    for (int64_t j = 0; j < 4; ++j) {
      EXPECT_EQ(w.values[static_cast<std::size_t>(i * 4 + j)],
                layer.similarityAt(2 + i, c - 4 + j));
    }
  }
}

TEST(ExplorerSession, ACancelledRunReturnsNothing) {
  ExplorerSession session;
  std::size_t calls = 0;
  const ExplorerView view =
      session.analyze(kPair, InputSource::fashionMnist(2), Metric::Cosine, 0.9, {}, {},
                      [&](std::size_t, std::size_t) { return ++calls < 3; });
  EXPECT_EQ(calls, 3u);
  EXPECT_TRUE(view.first.empty());
  EXPECT_TRUE(view.second.empty());
}

TEST(ExplorerSession, AnUnreadableInputIsBadInputAndTheSessionStaysUsable) {
  ExplorerSession session;
  EXPECT_THROW(analyzeAll(session, kPair, InputSource::imageFile("/nonexistent/picture.png")),
               InputError);
  EXPECT_THROW(analyzeAll(session, PairSource{ModelSource::file("/nonexistent/weights.pth"), {}},
                          InputSource::fashionMnist(0)),
               InputError);
  EXPECT_FALSE(analyzeAll(session, kPair, InputSource::fashionMnist(0)).first.empty());
}

// The same seed gives the same untrained weights, in any session; another seed others.
TEST(ExplorerSession, UntrainedModelsFollowTheirSeed) {
  const ModelSpec spec = ModelSpec::defaults(Architecture::Vgg16);
  const InputSource input = InputSource::fashionMnist(4);
  auto matrix = [&](uint64_t seed) {
    ExplorerSession session;
    return analyzeAll(session, PairSource::untrained(spec, seed), input).second.at(2).similarity();
  };
  const std::vector<double> a = matrix(5), b = matrix(5), other = matrix(6);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, other);
  EXPECT_NE(PairSource::untrained(spec, 5), PairSource::untrained(spec, 6));
  EXPECT_NE(ModelSource::untrained(spec, 5).label().find("seed 5"), std::string::npos);
}

// Issue 13, defect 12: the same untrained model differed from launch to launch (473 pairs, then
// 471): another thread built models (the cost page counting) between the seed and the build.
// Loaded while another thread builds models without a seed, it is still the same every time.
TEST(ExplorerSession, AnUntrainedModelIsTheSameWhileOtherModelsAreBuilt) {
  const ModelSource source = ModelSource::untrained(ModelSpec::defaults(Architecture::Vgg16), 11);
  auto firstWeight = [&source] {
    const LoadedModel m = loadModel(source);
    return m.network->parameters().front().clone();
  };
  const torch::Tensor alone = firstWeight();
  std::atomic<bool> stop{false};
  std::thread other([&stop] {
    while (!stop) buildModel(ModelSpec::defaults(Architecture::Vgg16));
  });
  bool same = true;
  for (int i = 0; i < 20; ++i) same = same && torch::equal(firstWeight(), alone);
  stop = true;
  other.join();
  EXPECT_TRUE(same);
}

// The shown layer's pairs are found on the worker at the threshold asked for and kept; another
// threshold finds them again. Both agree with findRedundancy on the layer's matrix.
TEST(ExplorerSession, TheShownLayersPairsAreFoundAtTheThresholdAskedFor) {
  ExplorerSession session;
  const InputSource input = InputSource::fashionMnist(4);
  const std::string name = analyzeAll(session, kPair, input).first.at(3).name();
  std::optional<ExplorerView> partial;
  session.analyze(kPair, input, Metric::Cosine, 0.5, name,
                  [&](const ExplorerView& v) { partial = v; }, {});
  ASSERT_TRUE(partial.has_value());
  for (const LayerView* layer : {&partial->first.at(0), &partial->second.at(0)}) {
    const int64_t c = layer->channels();
    const torch::Tensor s = torch::tensor(layer->similarity(), torch::kFloat64).reshape({c, c});
    for (const double t : {0.5, 0.8, 0.5}) {
      const Redundancy expected = findRedundancy(s, t, false, layer->dead());
      const Redundancy shown = layer->redundancy(t);
      ASSERT_EQ(shown.pairs.size(), expected.pairs.size()) << t;
      for (std::size_t i = 0; i < shown.pairs.size(); ++i) {
        EXPECT_EQ(shown.pairs[i].a, expected.pairs[i].a);
        EXPECT_EQ(shown.pairs[i].b, expected.pairs[i].b);
      }
      EXPECT_EQ(shown.score, expected.score) << t;
    }
  }
}
