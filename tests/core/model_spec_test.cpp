#include <gtest/gtest.h>

#include <stdexcept>

#include "ghostlens/models/make_divisible.h"
#include "ghostlens/models/model_spec.h"

namespace ghostlens {
namespace {

TEST(ModelSpec, DefaultsFollowThePaper) {
  const ModelSpec ghostnet = ModelSpec::defaults(Architecture::GhostNet);
  EXPECT_EQ(ghostnet.input, (std::array<int64_t, 3>{3, 224, 224}));
  EXPECT_EQ(ghostnet.classes, 1000);
  const ModelSpec vgg = ModelSpec::defaults(Architecture::Vgg16);
  EXPECT_EQ(vgg.input, (std::array<int64_t, 3>{3, 32, 32}));
  EXPECT_EQ(vgg.classes, 10);
  EXPECT_EQ(vgg.ratio, 2);
  EXPECT_EQ(vgg.dw, 3);
}

TEST(ModelSpec, NamesRoundTrip) {
  for (Architecture arch : allArchitectures()) {
    EXPECT_EQ(parseArchitecture(architectureName(arch)), arch);
  }
  EXPECT_FALSE(parseArchitecture("mobilenet").has_value());
}

TEST(ModelSpec, ValidationNamesTheBadField) {
  ModelSpec spec = ModelSpec::defaults(Architecture::Vgg16);
  EXPECT_NO_THROW(validateSpec(spec));
  auto expectRejected = [](ModelSpec s, const std::string& word) {
    try {
      validateSpec(s);
      ADD_FAILURE() << "accepted a spec with a bad " << word;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(word), std::string::npos) << e.what();
    }
  };
  ModelSpec bad = spec;
  bad.ratio = 0;
  expectRejected(bad, "ratio");
  bad = spec;
  bad.dw = 4;
  expectRejected(bad, "dw");
  bad = spec;
  bad.input[1] = 0;
  expectRejected(bad, "input");
  bad = spec;
  bad.width = 0;
  expectRejected(bad, "width");
  bad = spec;
  bad.classes = -1;
  expectRejected(bad, "classes");
}

TEST(MakeDivisible, MatchesTheOfficialRounding) {
  EXPECT_EQ(makeDivisible(16 * 0.5, 4), 8);
  EXPECT_EQ(makeDivisible(72 * 1.3, 4), 92);  // 93.6 -> 92
  EXPECT_EQ(makeDivisible(20 * 0.5, 4), 12);  // 10 -> 12 (int(10 + 2) // 4 * 4)
  EXPECT_EQ(makeDivisible(3.0, 4), 4);        // never below the divisor
  EXPECT_EQ(makeDivisible(960 * 1.3, 4), 1248);
}

}  // namespace
}  // namespace ghostlens
