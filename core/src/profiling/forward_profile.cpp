#include "ghostlens/profiling/forward_profile.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "ghostlens/counting/complexity.h"
#include "ghostlens/models/eval_scope.h"
#include "ghostlens/models/forward_observer.h"
#include "ghostlens/models/ghost_module.h"
#include "ghostlens/models/network.h"
#include "ghostlens/profiling/allocation_meter.h"
#include "ghostlens/util/input_error.h"
#include "median.h"

namespace ghostlens {

namespace {

using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int64_t bytesOf(const torch::Tensor& t) {
  return t.defined() ? static_cast<int64_t>(t.numel()) * static_cast<int64_t>(t.element_size()) : 0;
}

/// Bytes of what a leaf reads besides its input: its weights, a deploy-mode conv's bias, a
/// BN's running statistics.
int64_t weightBytes(const torch::nn::Module& module) {
  int64_t bytes = 0;
  for (const auto& p : module.parameters(/*recurse=*/false)) bytes += bytesOf(p);
  for (const auto& b : module.buffers(/*recurse=*/false)) {
    if (b.is_floating_point()) bytes += bytesOf(b);
  }
  if (const auto* conv = module.as<torch::nn::Conv2dImpl>()) {
    bool registered = false;
    for (const auto& p : module.parameters(false)) registered |= p.is_same(conv->bias);
    if (conv->bias.defined() && !registered) bytes += bytesOf(conv->bias);
  }
  return bytes;
}

/// One run's rows, in the order they end.
class TimingObserver : public ForwardObserver {
 public:
  struct Row {
    const torch::nn::Module* module;
    bool own;  ///< the composite's own work rather than a leaf
    double ms;
    int64_t outputBytes, bytesMoved;
  };

  void onBegin(const torch::nn::Module& module) override {
    stack_.push_back(Frame{&module, Clock::now(), 0.0});
  }

  void onForward(const torch::nn::Module& module, const torch::Tensor& input,
                 const torch::Tensor& output) override {
    if (stack_.empty() || stack_.back().module != &module) return;  // reported without a begin
    const Frame frame = stack_.back();
    stack_.pop_back();
    const double inclusive = millisecondsSince(frame.start);
    if (!stack_.empty()) stack_.back().childrenMs += inclusive;
    const int64_t out = bytesOf(output);
    // Module facts are looked up once: allocating during timed passes slowed the passes after
    // them (the C library's heap state), so a run with the observer allocates almost nothing.
    auto known = facts_.find(&module);
    if (known == facts_.end()) {
      known = facts_.emplace(&module, Facts{module.children().empty(), weightBytes(module)}).first;
    }
    if (known->second.leaf) {
      rows_.push_back(
          Row{&module, false, inclusive, out, bytesOf(input) + known->second.weightBytes + out});
    } else {
      const bool concat = module.as<GhostModuleImpl>() != nullptr;
      rows_.push_back(Row{&module, true, std::max(0.0, inclusive - frame.childrenMs), out,
                          concat ? 2 * out : bytesOf(input) + out});
    }
  }

  /// The network's own work: the whole pass minus its top-level rows.
  double topLevelMs() const { return topLevelMs_; }
  void startRun() {
    rows_.clear();
    stack_.clear();
    rows_.reserve(1024);
    stack_.reserve(64);
    stack_.push_back(Frame{nullptr, Clock::now(), 0.0});
  }
  void endRun() {
    topLevelMs_ =
        std::max(0.0, millisecondsSince(stack_.front().start) - stack_.front().childrenMs);
  }
  const std::vector<Row>& rows() const { return rows_; }

 private:
  struct Frame {
    const torch::nn::Module* module;
    Clock::time_point start;
    double childrenMs;
  };
  struct Facts {
    bool leaf;
    int64_t weightBytes;
  };
  std::unordered_map<const torch::nn::Module*, Facts> facts_;
  std::vector<Frame> stack_;
  std::vector<Row> rows_;
  double topLevelMs_ = 0;
};

}  // namespace

ForwardProfile profileForward(NetworkImpl& model, const std::array<int64_t, 3>& input,
                              const ProfileOptions& options, const ProfileProgress& progress) {
  if (options.repeat < 1) throw InputError("repeat must be at least 1");
  if (options.batch < 1) throw InputError("batch must be at least 1");
  const ComplexityReport costs = countComplexity(model, input);
  const ModuleNames names = moduleNames(model);

  EvalScope eval(model);
  // A generator of its own: reseeding LibTorch's global one here changed the weights of a
  // seeded model another thread was building (issue 26).
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(0);
  const torch::Tensor x = torch::randn({options.batch, input[0], input[1], input[2]}, generator);
  for (int i = 0; i < options.warmup; ++i) model.forward(x);

  ForwardProfile profile;
  profile.threads = torch::get_num_threads();
  profile.repeat = options.repeat;
  {
    AllocationMeter meter;
    model.forward(x);
    profile.peakActivationBytes = meter.peakBytes();
  }

  std::vector<double> whole;
  std::vector<std::vector<double>> rowMs;
  std::vector<double> networkMs;
  std::vector<TimingObserver::Row> layout;
  TimingObserver observer;
  // Whole passes and observed ones alternate in blocks, so that a drift in the machine's speed
  // reaches both.
  constexpr int kBlock = 5;
  int done = 0;
  while (done < options.repeat) {
    const int block = std::min(kBlock, options.repeat - done);
    for (int i = 0; i < block; ++i) {
      const auto start = Clock::now();
      model.forward(x);
      whole.push_back(millisecondsSince(start));
    }
    for (int i = 0; i < block; ++i) {
      {
        ObserverScope scope(observer);
        observer.startRun();
        model.forward(x);
        observer.endRun();
      }
      const auto& rows = observer.rows();
      if (layout.empty()) {
        layout = rows;
        rowMs.resize(rows.size());
      }
      TORCH_CHECK(rows.size() == layout.size(), "profileForward: the forward pass ran ",
                  rows.size(), " rows, then ", layout.size());
      for (std::size_t j = 0; j < rows.size(); ++j) rowMs[j].push_back(rows[j].ms);
      networkMs.push_back(observer.topLevelMs());
    }
    done += block;
    if (progress && !progress(done, options.repeat)) throw ProfileCancelled{};
  }
  profile.medianMs = detail::median(whole);
  profile.minMs = *std::min_element(whole.begin(), whole.end());
  profile.maxMs = *std::max_element(whole.begin(), whole.end());

  // Leaves are the rows countComplexity() reports, in the same order.
  std::size_t leaf = 0;
  for (std::size_t i = 0; i < layout.size(); ++i) {
    const TimingObserver::Row& row = layout[i];
    LayerProfile out;
    const auto found = names.find(row.module);
    out.name = found != names.end() ? found->second : row.module->name();
    out.latencyMs = detail::median(rowMs[i]);
    out.outputBytes = row.outputBytes;
    out.bytesMoved = row.bytesMoved;
    if (row.own) {
      out.type = row.module->as<GhostModuleImpl>() ? "Concat" : shortTypeName(*row.module) + " ops";
      out.layer = out.name;
    } else {
      TORCH_CHECK(leaf < costs.layers.size() && costs.layers[leaf].name == out.name,
                  "profileForward: leaf ", out.name, " does not match the count");
      const LayerCost& cost = costs.layers[leaf++];
      out.type = cost.type;
      out.macs = cost.macs * options.batch;
      out.params = cost.params;
      out.layer = cost.layer;
    }
    out.intensity = out.bytesMoved > 0
                        ? static_cast<double>(out.macs) / static_cast<double>(out.bytesMoved)
                        : 0.0;
    profile.layerSumMs += out.latencyMs;
    profile.layers.push_back(std::move(out));
  }
  LayerProfile network;
  network.type = "Network ops";
  network.latencyMs = detail::median(networkMs);
  profile.layerSumMs += network.latencyMs;
  profile.layers.push_back(std::move(network));
  return profile;
}

}  // namespace ghostlens
