#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ghostlens {

/// The architectures of the zoo. Each exists in a vanilla form (ratio 1) and ghost forms.
enum class Architecture { GhostNet, Vgg16, ResNet56, ResNet50, MobileNetV2 };

/// One layer's own ghost ratio s and cheap kernel d, in a per-layer plan.
struct LayerGhosting {
  int64_t ratio = 1;
  int64_t dw = 3;
  bool operator==(const LayerGhosting& other) const {
    return ratio == other.ratio && dw == other.dw;
  }
};

/// Everything needed to build a model of the zoo; free of Torch so that the GUI and the CLI can
/// carry it around.
struct ModelSpec {
  Architecture arch = Architecture::GhostNet;
  double width = 1.0;                         ///< width multiplier
  int64_t ratio = 2;                          ///< s
  int64_t dw = 3;                             ///< d
  std::array<int64_t, 3> input{3, 224, 224};  ///< C, H, W
  int64_t classes = 1000;
  /// Per-layer s and d by layer name ("features.3"), overriding ratio and dw for those layers;
  /// empty: every layer uses ratio and dw. VGG-16 only (validateSpec).
  std::map<std::string, LayerGhosting> plan;
  /// A person's name for the plan ("advised at s=3 MACs"); not part of the model's identity.
  std::string planName;

  /// The defaults of an architecture: GhostNet, ResNet-50 and MobileNetV2 3x224x224 with 1000
  /// classes, the CIFAR models 3x32x32 with 10; s = 2, d = 3, width 1.
  static ModelSpec defaults(Architecture arch);
  /// s = 1 in every layer.
  bool isVanilla() const;
  bool hasPlan() const { return !plan.empty(); }
  bool operator==(const ModelSpec& other) const {
    return arch == other.arch && width == other.width && ratio == other.ratio && dw == other.dw &&
           input == other.input && classes == other.classes && plan == other.plan;
  }
  bool operator!=(const ModelSpec& other) const { return !(*this == other); }
};

/// "ghostnet", "vgg16", "resnet56", "resnet50", "mobilenetv2".
std::string architectureName(Architecture arch);
/// Inverse of architectureName(); nullopt for an unknown name.
std::optional<Architecture> parseArchitecture(const std::string& name);
/// Every architecture, in the order above.
std::vector<Architecture> allArchitectures();

/// "resnet50 width 1 s=2 d=3" (s = 1: "vanilla"; a plan: "vgg16 width 0.25 plan 'name' (s 1-4)")
/// for messages and captions.
std::string describeSpec(const ModelSpec& spec);

/// What validateSpec() accepts at most (the CLI's flags say the same).
constexpr double kMaxWidth = 4.0;
constexpr int64_t kMaxRatio = 8192;  // per-layer plans may keep 1 of a layer's maps
constexpr int64_t kMaxKernel = 15;
constexpr int64_t kMaxInputChannels = 64;
constexpr int64_t kMaxInputSide = 2048;
constexpr int64_t kMaxClasses = 100000;

/// Throws InputError naming the offending field when the spec cannot be built, or is past the
/// limits above: width <= 0, s < 1, d even or < 1, a non-positive input dimension or class count,
/// a plan for another architecture than VGG-16 or with a bad s or d. (Plan layer names are checked
/// when the model is built.)
void validateSpec(const ModelSpec& spec);

}  // namespace ghostlens
