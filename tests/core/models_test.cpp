// Every model of the zoo runs at its default input and at small ones, and GhostNet's state dict
// has exactly the official keys and shapes.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "ghostlens/models/ghostnet.h"
#include "ghostlens/models/model_factory.h"

namespace ghostlens {
namespace {

std::string shapeText(const torch::Tensor& t) {
  if (t.dim() == 0) return "scalar";
  std::string text;
  for (int64_t i = 0; i < t.dim(); ++i) text += (i ? "x" : "") + std::to_string(t.size(i));
  return text;
}

std::map<std::string, std::string> stateDictShapes(torch::nn::Module& module) {
  std::map<std::string, std::string> shapes;
  for (const auto& p : module.named_parameters()) shapes[p.key()] = shapeText(p.value());
  for (const auto& b : module.named_buffers()) shapes[b.key()] = shapeText(b.value());
  return shapes;
}

TEST(GhostNet, StateDictMatchesTheOfficialRelease) {
  std::ifstream file(std::string(GHOSTLENS_TEST_DATA) + "/ghostnet-1.0x-state-dict-keys.txt");
  ASSERT_TRUE(file) << "missing fixture";
  std::map<std::string, std::string> official;
  std::string key, shape;
  while (file >> key >> shape) official[key] = shape;
  ASSERT_EQ(official.size(), 512u);

  GhostNet model(GhostNetOptions{});
  EXPECT_EQ(stateDictShapes(*model), official);
}

struct ShapeCase {
  Architecture arch;
  double width;
  int64_t ratio;
  std::array<int64_t, 3> input;
  int64_t classes;
};

class ForwardShapes : public ::testing::TestWithParam<ShapeCase> {};

TEST_P(ForwardShapes, LogitsHaveBatchByClasses) {
  const ShapeCase c = GetParam();
  ModelSpec spec = ModelSpec::defaults(c.arch);
  spec.width = c.width;
  spec.ratio = c.ratio;
  spec.input = c.input;
  spec.classes = c.classes;
  auto model = buildModel(spec);
  model->eval();
  c10::InferenceMode guard;
  const torch::Tensor y = model->forward(torch::randn({2, c.input[0], c.input[1], c.input[2]}));
  EXPECT_EQ(y.sizes(), (std::vector<int64_t>{2, c.classes}));
  EXPECT_TRUE(torch::isfinite(y).all().item<bool>());
}

using A = Architecture;
INSTANTIATE_TEST_SUITE_P(Zoo, ForwardShapes,
                         ::testing::Values(
                             // defaults
                             ShapeCase{A::GhostNet, 1.0, 2, {3, 224, 224}, 1000},
                             ShapeCase{A::Vgg16, 1.0, 2, {3, 32, 32}, 10},
                             ShapeCase{A::ResNet56, 1.0, 2, {3, 32, 32}, 10},
                             ShapeCase{A::ResNet50, 1.0, 2, {3, 224, 224}, 1000},
                             // vanilla forms
                             ShapeCase{A::GhostNet, 1.0, 1, {3, 224, 224}, 1000},
                             ShapeCase{A::Vgg16, 1.0, 1, {3, 32, 32}, 10},
                             // small, Fashion-MNIST sized, narrow
                             ShapeCase{A::GhostNet, 0.5, 2, {1, 28, 28}, 10},
                             ShapeCase{A::Vgg16, 0.25, 3, {1, 28, 28}, 10},
                             ShapeCase{A::ResNet56, 0.5, 2, {1, 28, 28}, 10},
                             ShapeCase{A::ResNet50, 0.25, 4, {1, 28, 28}, 10},
                             ShapeCase{A::Vgg16, 1.3, 2, {4, 17, 23}, 3}),
                         [](const ::testing::TestParamInfo<ShapeCase>& info) {
                           const ShapeCase& c = info.param;
                           return architectureName(c.arch) + "_w" +
                                  std::to_string(static_cast<int>(c.width * 100)) + "_s" +
                                  std::to_string(c.ratio) + "_" + std::to_string(c.input[0]) + "x" +
                                  std::to_string(c.input[1]) + "x" + std::to_string(c.input[2]);
                         });

// The vanilla (s = 1) and ghost forms share their layer names, layer for layer: the ghost form
// only adds the cheap operations.
TEST(Zoo, VanillaAndGhostFormsShareLayerNames) {
  for (Architecture arch : allArchitectures()) {
    ModelSpec ghostSpec = ModelSpec::defaults(arch);
    ModelSpec vanillaSpec = ghostSpec;
    vanillaSpec.ratio = 1;
    std::set<std::string> vanilla, ghostWithoutCheap;
    for (const auto& m : buildModel(vanillaSpec)->named_modules()) vanilla.insert(m.key());
    for (const auto& m : buildModel(ghostSpec)->named_modules()) {
      if (m.key().find("cheap_operation") == std::string::npos) ghostWithoutCheap.insert(m.key());
    }
    EXPECT_EQ(vanilla, ghostWithoutCheap) << architectureName(arch);
  }
}

}  // namespace
}  // namespace ghostlens
