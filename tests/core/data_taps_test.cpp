// The Fashion-MNIST reader on the real files and on damaged copies; taps pair up across forms.
#include <gtest/gtest.h>
#include <torch/torch.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/analysis/model_cka.h"
#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/models/zoo_model.h"

namespace ghostlens {
namespace {

namespace fs = std::filesystem;

TEST(FashionMnist, ReadsTheInstalledTestSplit) {
  const FashionMnist test(FashionMnist::kDefaultDirectory, FashionMnist::Split::Test);
  EXPECT_EQ(test.size(), 10000);
  EXPECT_EQ(test.images().sizes(), (std::vector<int64_t>{10000, 28, 28}));
  EXPECT_EQ(test.labels().min().item<int64_t>(), 0);
  EXPECT_EQ(test.labels().max().item<int64_t>(), 9);
  // Every class has 1000 test images.
  EXPECT_TRUE(torch::bincount(test.labels()).eq(1000).all().item<bool>());
}

// Writes `bytes` gzip'd to `path`.
void writeGzip(const fs::path& path, const std::string& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
}

TEST(FashionMnist, RejectsTruncatedAndCorruptFiles) {
  const fs::path dir = fs::temp_directory_path() / ("ghostlens_idx_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // A valid 2 x 2 x 2 file, then damaged versions of it.
  const std::string header("\x00\x00\x08\x03\x00\x00\x00\x02\x00\x00\x00\x02\x00\x00\x00\x02", 16);
  writeGzip(dir / "ok.gz", header + std::string(8, '\x07'));
  EXPECT_EQ(readIdxFile((dir / "ok.gz").string()).sizes(), (std::vector<int64_t>{2, 2, 2}));
  writeGzip(dir / "short.gz", header + std::string(5, '\x07'));
  EXPECT_THROW(readIdxFile((dir / "short.gz").string()), std::invalid_argument);
  writeGzip(dir / "magic.gz",
            std::string("\x00\x00\x0D\x03", 4) + header.substr(4) + std::string(8, 'x'));
  EXPECT_THROW(readIdxFile((dir / "magic.gz").string()), std::invalid_argument);
  {
    // A real gzip stream cut in half.
    std::ifstream in(std::string(FashionMnist::kDefaultDirectory) + "/t10k-labels-idx1-ubyte.gz",
                     std::ios::binary);
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(dir / "cut.gz", std::ios::binary) << all.substr(0, all.size() / 2);
  }
  EXPECT_THROW(readIdxFile((dir / "cut.gz").string()), std::invalid_argument);
  EXPECT_THROW(readIdxFile((dir / "missing.gz").string()), std::invalid_argument);
  EXPECT_THROW(FashionMnist(dir.string(), FashionMnist::Split::Test), std::invalid_argument);
  fs::remove_all(dir);
}

TEST(Taps, VanillaAndGhostLayersPairUpAndGhostPartsAreExposed) {
  ModelSpec ghost = ModelSpec::defaults(Architecture::GhostNet);
  ghost.width = 0.5;
  ghost.input = {1, 28, 28};
  ghost.classes = 10;
  ModelSpec vanilla = ghost;
  vanilla.ratio = 1;
  const torch::Tensor x = fashionMnistInput(FashionMnist::kDefaultDirectory, 0, ghost);
  ASSERT_EQ(x.sizes(), (std::vector<int64_t>{1, 1, 28, 28}));
  auto g = buildModel(ghost);
  auto v = buildModel(vanilla);
  const TapResult gt = runWithTaps(*g, x), vt = runWithTaps(*v, x);
  ASSERT_EQ(gt.layers.size(), vt.layers.size());
  ASSERT_FALSE(gt.layers.empty());
  EXPECT_EQ(gt.layers.front().name, "conv_stem");
  bool sawGhostModule = false;
  for (std::size_t i = 0; i < gt.layers.size(); ++i) {
    EXPECT_EQ(gt.layers[i].name, vt.layers[i].name);
    EXPECT_EQ(gt.layers[i].maps.sizes(), vt.layers[i].maps.sizes()) << gt.layers[i].name;
    const TappedLayer& layer = gt.layers[i];
    if (layer.isGhostModule()) {
      sawGhostModule = true;
      const int64_t c = layer.maps.size(1);
      EXPECT_EQ(layer.intrinsic, (c + 1) / 2);
      EXPECT_EQ(layer.intrinsicPart().size(1) + layer.ghostPart().size(1), c);
      EXPECT_EQ(layer.parents[layer.intrinsic], 0);
    }
  }
  EXPECT_TRUE(sawGhostModule);
  EXPECT_TRUE(g->is_training()) << "taps must give the caller its mode back";
}

TEST(ModelCka, AModelAgainstItselfHasAUnitDiagonalAndCancelStops) {
  ModelSpec spec = ModelSpec::defaults(Architecture::Vgg16);
  spec.width = 0.125;
  spec.input = {1, 28, 28};
  ModelSpec ghostSpec = spec;
  ghostSpec.ratio = 2;
  spec.ratio = 1;
  ZooModel vanilla(buildModel(spec), spec);
  ZooModel ghost(buildModel(ghostSpec), ghostSpec);
  const FashionMnist test(FashionMnist::kDefaultDirectory, FashionMnist::Split::Test);
  std::vector<torch::Tensor> images;
  for (int64_t i = 0; i < 24; ++i) {
    images.push_back(prepareImage(test.images()[i].unsqueeze(2).to(torch::kFloat32) / 255.0, spec));
  }
  const torch::Tensor inputs = torch::cat(images, 0);
  const CkaResult self = ckaBetweenModels(vanilla, vanilla, inputs, 8);
  ASSERT_EQ(self.layersA.size(), 13u);
  EXPECT_EQ(self.samples, 24);
  for (int64_t i = 0; i < 13; ++i) EXPECT_NEAR(self.cka[i][i].item<double>(), 1.0, 1e-9);
  const CkaResult pair = ckaBetweenModels(vanilla, ghost, inputs, 8);
  EXPECT_EQ(pair.layersA, pair.layersB);
  EXPECT_TRUE(torch::isfinite(pair.cka).all().item<bool>());
  EXPECT_LE(pair.cka.max().item<double>(), 1.0 + 1e-9);
  int calls = 0;
  const CkaResult cancelled = ckaBetweenModels(vanilla, ghost, inputs, 8,
                                               [&calls](int64_t, int64_t) { return ++calls < 2; });
  EXPECT_TRUE(cancelled.cancelled);
  EXPECT_EQ(cancelled.samples, 16);
}

}  // namespace
}  // namespace ghostlens
