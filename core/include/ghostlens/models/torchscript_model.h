#pragma once

#include <torch/types.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "ghostlens/models/runnable_model.h"

namespace ghostlens {

/// A module called in the file's forward whose output no tap can give.
struct UntappedModule {
  enum class Reason {
    /// torch.jit.trace records a module that returned its input unchanged (Identity, an empty
    /// Sequential, Dropout or StochasticDepth in eval mode) as a call with no input and no
    /// output: its maps are its input's, which the file does not say.
    ReturnsItsInput,
    /// A call inside an if or a loop of scripted code (`if self.use_res_connect:`).
    InsideControlFlow,
  };
  std::string name;  ///< module path; "path#k" for the k-th call of a module called again
  Reason reason = Reason::ReturnsItsInput;
};

/// A TorchScript file (torch.jit.trace or torch.jit.script, saved with torch.jit.save), run by
/// LibTorch's interpreter exactly as PyTorch runs it. Every submodule call of its forward graph is
/// a layer, named by its module path as Python's named_modules() names it ("layer1.0.conv1").
///
/// The taps come from a rewritten copy of the forward graph: each submodule call is inlined (with
/// the callee's unoptimised graph, so that the calls inside it stay visible) and the value it
/// returns is cloned at once and appended to the graph's outputs, so that one forward pass
/// returns the logits and every module's output as a forward hook would see it (a later in-place
/// operation, relu_ or +=, changes the tensor but not the clone). A module called twice gives
/// "name#2"; a module returning a tuple gives "name[0]", "name[1]".
///
/// The file's own TorchScript code runs. It cannot call Python, but LibTorch's operators include
/// torch.save and torch.from_file, and torch::jit::load runs a class's __setstate__: the
/// constructor reads the archive's code first and refuses such files, then checks every loaded
/// graph for operators taking a file name (after our zip checks: sizes, names, CRC-32).
class TorchScriptModel : public RunnableModel {
 public:
  /// Loads `path` after checking its zip archive. Throws InputError naming the file for anything
  /// that is not a TorchScript archive LibTorch loads.
  explicit TorchScriptModel(const std::string& path);
  ~TorchScriptModel() override;
  TorchScriptModel(const TorchScriptModel&) = delete;
  TorchScriptModel& operator=(const TorchScriptModel&) = delete;

  /// Whether `path` is a TorchScript model: a zip archive with constants.pkl and code/ that
  /// defines a forward (a torch.save file has neither; LibTorch's torch::save of a module of
  /// weights, GhostLens's checkpoints, has no forward). False for a file that is no zip; throws
  /// InputError for a damaged zip.
  static bool isTorchScript(const std::string& path);

  ModelKind kind() const override { return ModelKind::TorchScript; }
  /// The root module's class ("ResNet", "GhostNet").
  std::string architecture() const override;
  /// @param input [N, C, H, W]  @return the model's output (logits [N, classes]; the first
  ///        tensor of a tuple)
  torch::Tensor forward(const torch::Tensor& input) override;
  /// Every module's 4-dimensional output of one forward pass with more than one pixel (others
  /// are skipped), in the order the values were made, and the logits. The pass always runs
  /// whole: `stopAfter` is ignored.
  /// @param input [N, C, H, W]
  TapResult tap(const torch::Tensor& input,
                const std::vector<std::string>& stopAfter = {}) override;
  /// Params of every module (each counted once) and MACs of every Conv2d and Linear module from
  /// the shapes one forward of a sample of shape `input` shows.
  ComplexityReport count(const std::array<int64_t, 3>& input) override;
  /// The modules the taps cannot give, with the reason.
  const std::vector<UntappedModule>& untappedModules() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ghostlens
