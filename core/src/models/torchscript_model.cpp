#include "ghostlens/models/torchscript_model.h"

#include <torch/csrc/jit/api/function_impl.h>
#include <torch/csrc/jit/ir/ir.h>
#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/script.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <numeric>
#include <unordered_map>

#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/counting/complexity.h"
#include "ghostlens/io/mapped_file.h"
#include "ghostlens/io/zip_directory.h"
#include "ghostlens/util/error_text.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace tj = torch::jit;

namespace {

/// The module path of `value` when it is self.a.b.c reached through GetAttr nodes ("a.b.c").
bool modulePath(tj::Value* value, tj::Value* self, std::string& path) {
  std::vector<std::string> parts;
  while (value != self) {
    tj::Node* node = value->node();
    if (node->kind() != tj::prim::GetAttr) return false;  // a module held by a list or interface
    parts.push_back(node->s(tj::attr::name));
    value = node->input(0);
  }
  path.clear();
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) path += (path.empty() ? "" : ".") + *it;
  return true;
}

/// A module's forward, or one of the forward1, forward2, ... that torch.jit.trace gives a module
/// called more than once (one method per call).
bool isForward(const std::string& method) {
  if (method.rfind("forward", 0) != 0) return false;
  return std::all_of(method.begin() + 7, method.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// "Conv2d" of "__torch__.torch.nn.modules.conv.___torch_mangle_3.Conv2d".
std::string typeName(const c10::ClassTypePtr& type) {
  if (!type || !type->name()) return "Module";
  return type->name()->name();
}

bool isZip(const MappedFile& file) {
  return file.size() >= 4 && std::memcmp(file.data(), "PK\x03\x04", 4) == 0;
}

/// The largest code file read before loading: TorchScript code is text, megabytes at most.
constexpr uint64_t kCodeLimit = 64ull << 20;

bool isCodeFile(const ZipEntry& e) {
  return e.name.find("/code/") != std::string::npos && e.name.size() > 3 &&
         e.name.compare(e.name.size() - 3, 3, ".py") == 0;
}

/// A TorchScript model's archive: code/ and constants.pkl beside torch.save's data.pkl, and code
/// that defines a forward. LibTorch's torch::save writes the same archive for a module of
/// parameters only, without code to run (GhostLens's own checkpoints): that is weights.
bool holdsTorchScriptModel(const MappedFile& file, const ZipDirectory& directory) {
  bool constants = false, forward = false;
  for (const ZipEntry& e : directory.entries()) {
    const auto slash = e.name.find('/');
    const std::string inner = slash == std::string::npos ? e.name : e.name.substr(slash + 1);
    constants = constants || inner == "constants.pkl";
    if (!forward && isCodeFile(e)) {
      forward =
          directory.contents(file.data(), e, kCodeLimit).find("def forward(") != std::string::npos;
    }
  }
  return constants && forward;
}

/// Refuses code that LibTorch would let touch files or run while loading: torch.save writes a
/// file, torch.from_file reads one, and a __setstate__ runs inside torch::jit::load, before any
/// check of ours on the loaded graphs could. TorchScript has no aliases for these (no imports,
/// functions are not values), so they are found in the text, with its white space removed
/// ("torch . save (x, f)" parses too). A comment naming one is refused as well: a false alarm
/// costs less than a missed call.
void refuseUnsafeCode(const std::string& path, const std::string& member, const std::string& text) {
  std::string code;
  code.reserve(text.size());
  for (const char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c)) && c != '\\') code += c;
  }
  struct Unsafe {
    const char* text;
    const char* why;
  };
  for (const Unsafe& u :
       {Unsafe{"def__setstate__(", "defines __setstate__, code LibTorch runs while loading"},
        Unsafe{"torch.save(", "calls torch.save, which writes a file"},
        Unsafe{"aten.save(", "calls aten::save, which writes a file"},
        Unsafe{"from_file(", "calls from_file, which reads a file"}}) {
    if (code.find(u.text) != std::string::npos) {
      throw InputError(path + ": refused: its TorchScript code (" + member + ") " + u.why);
    }
  }
}

/// The same, on every graph of the loaded file: any operator with a file name argument.
void refuseFileOperators(const std::string& path, tj::Block* block) {
  for (tj::Node* node : block->nodes()) {
    if (const c10::FunctionSchema* schema = node->maybeSchema()) {
      for (const c10::Argument& argument : schema->arguments()) {
        if (argument.name() == "filename" || argument.name() == "path") {
          throw InputError(path + ": refused: its TorchScript code calls " + schema->name() +
                           ", which takes a file name");
        }
      }
    }
    for (tj::Block* inner : node->blocks()) refuseFileOperators(path, inner);
  }
}

struct Tap {
  std::string name;
  std::string type;
  tj::Value* value;
};

}  // namespace

struct TorchScriptModel::State {
  tj::Module module;
  std::shared_ptr<tj::Graph> tapGraph;
  std::vector<std::string> names;  ///< of tapGraph's outputs 1..n
  std::vector<std::string> types;
  std::vector<UntappedModule> untapped;
  std::unique_ptr<tj::GraphExecutor> executor;

  /// Rewrites a copy of forward's graph so that it returns every submodule call's output too.
  void buildTapGraph() {
    auto graph = module.get_method("forward").graph()->copy();
    tj::Value* self = graph->inputs()[0];
    std::vector<Tap> taps;
    std::unordered_map<std::string, int> calls;
    for (tj::Node* node = graph->param_node()->next(); node != graph->return_node();) {
      if (node->kind() != tj::prim::CallMethod) {
        node = node->next();
        continue;
      }
      const auto type = node->input(0)->type()->cast<c10::ClassType>();
      const std::string method = node->s(tj::attr::name);
      tj::Function* function = type ? type->findMethod(method) : nullptr;
      tj::GraphFunction* callee = function ? tj::tryToGraphFunction(*function) : nullptr;
      if (callee == nullptr) {
        node = node->next();
        continue;
      }
      std::string path;
      const bool tapped =
          isForward(method) && modulePath(node->input(0), self, path) && !path.empty();
      tj::Node* before = node->prev();
      // A container's output is its last child's, which is still a call here: inlining that
      // call replaces the value, and the taps holding it must follow.
      const std::vector<tj::Value*> replaced(node->outputs().begin(), node->outputs().end());
      // The unoptimised graph: the optimised one has its own calls inlined already, and the
      // modules inside it would be lost.
      const std::vector<tj::Value*> outputs = tj::inlineCallTo(node, callee, callee->graph().get());
      for (Tap& tap : taps) {
        for (std::size_t j = 0; j < replaced.size() && j < outputs.size(); ++j) {
          if (tap.value == replaced[j]) tap.value = outputs[j];
        }
      }
      if (tapped) {
        const int k = ++calls[path];
        const std::string name = k == 1 ? path : path + "#" + std::to_string(k);
        bool tensor = false;
        for (tj::Value* out : outputs) {
          taps.push_back({name, typeName(type), out});
          tensor = tensor || !out->type()->cast<c10::NoneType>();
        }
        if (!tensor) untapped.push_back({name, UntappedModule::Reason::ReturnsItsInput});
      }
      node = before->next();  // into what was inlined
    }
    // In the order the values were made; a container and its last child return one value, and
    // the child (recorded later, inside the container's inlined body) comes first.
    std::unordered_map<const tj::Node*, std::size_t> position;
    std::size_t i = 0;
    for (tj::Node* n : graph->nodes()) position[n] = ++i;
    auto at = [&](tj::Value* v) {
      const auto found = position.find(v->node());
      return found == position.end() ? std::size_t{0} : found->second;
    };
    std::vector<std::size_t> order(taps.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const std::size_t pa = at(taps[a].value), pb = at(taps[b].value);
      return pa != pb ? pa < pb : a > b;
    });
    auto output = [&](tj::Value* value, const std::string& name, const std::string& typeName) {
      if (!value->type()->isSubtypeOf(*c10::TensorType::get())) return;
      tj::Node* producer = value->node();
      // Cloned where it is made, before any in-place operation can change it.
      tj::WithInsertPoint point(producer == graph->param_node() ? graph->param_node()->next()
                                                                : producer->next());
      graph->registerOutput(graph->insert(tj::aten::clone, {value}));
      names.push_back(name);
      types.push_back(typeName);
    };
    for (const std::size_t t : order) {
      const Tap& tap = taps[t];
      if (tap.value->type()->cast<c10::TupleType>()) {
        tj::WithInsertPoint point(tap.value->node()->next());
        tj::Node* unpack = graph->insertNode(graph->createTupleUnpack(tap.value));
        for (std::size_t j = 0; j < unpack->outputs().size(); ++j) {
          output(unpack->outputs()[j], tap.name + "[" + std::to_string(j) + "]", tap.type);
        }
      } else {
        output(tap.value, tap.name, tap.type);
      }
    }
    // Calls left inside an if or a loop of scripted code: their values do not reach the graph's
    // outputs without rewriting every branch.
    for (tj::Node* call : tj::findAllNodes(*graph, tj::prim::CallMethod, /*recurse=*/true)) {
      std::string path;
      if (isForward(call->s(tj::attr::name)) && modulePath(call->input(0), self, path)) {
        untapped.push_back({path, UntappedModule::Reason::InsideControlFlow});
      }
    }
    graph->lint();
    tapGraph = graph;
    executor = std::make_unique<tj::GraphExecutor>(tapGraph, "forward_with_taps");
  }
};

TorchScriptModel::TorchScriptModel(const std::string& path) : state_(std::make_unique<State>()) {
  {
    // Sizes, names and CRC-32 of every member, before LibTorch's reader sees any.
    const MappedFile file(path);
    if (!isZip(file)) throw InputError(path + ": not a TorchScript file (not a zip archive)");
    const ZipDirectory directory(file.data(), file.size(), path);
    if (!holdsTorchScriptModel(file, directory)) {
      throw InputError(path +
                       ": not a TorchScript model (no code/ with a forward and no "
                       "constants.pkl in it)");
    }
    for (const ZipEntry& e : directory.entries()) {
      if (isCodeFile(e)) {
        refuseUnsafeCode(path, e.name, directory.contents(file.data(), e, kCodeLimit));
      }
    }
  }
  try {
    state_->module = tj::load(path, torch::kCPU);
  } catch (const std::exception&) {
    throw InputError(path + ": not a TorchScript file LibTorch can load (" +
                     errorText(std::current_exception()) + ")");
  }
  for (tj::Function* function : state_->module._ivalue()->compilation_unit()->get_functions()) {
    if (tj::GraphFunction* graph = tj::tryToGraphFunction(*function)) {
      refuseFileOperators(path, graph->graph()->block());
    }
  }
  state_->module.eval();
  try {
    state_->buildTapGraph();
  } catch (const std::exception&) {
    throw InputError(path + ": its forward graph cannot be tapped (" +
                     errorText(std::current_exception()) + ")");
  }
}

TorchScriptModel::~TorchScriptModel() = default;

bool TorchScriptModel::isTorchScript(const std::string& path) {
  const MappedFile file(path);
  if (!isZip(file)) return false;
  return holdsTorchScriptModel(file, ZipDirectory(file.data(), file.size(), path));
}

torch::Tensor TorchScriptModel::forward(const torch::Tensor& input) {
  torch::NoGradGuard noGrad;
  const c10::IValue out = state_->module.forward({input});
  if (out.isTensor()) return out.toTensor();
  if (out.isTuple() && !out.toTupleRef().elements().empty() &&
      out.toTupleRef().elements()[0].isTensor()) {
    return out.toTupleRef().elements()[0].toTensor();
  }
  throw InputError("the TorchScript model's forward returns no tensor");
}

std::string TorchScriptModel::architecture() const { return typeName(state_->module.type()); }

TapResult TorchScriptModel::tap(const torch::Tensor& input, const std::vector<std::string>&) {
  torch::NoGradGuard noGrad;
  // The graph as written: profiling and fusion would rewrite it on its second run.
  tj::GraphOptimizerEnabledGuard plain(false);
  tj::Stack stack{state_->module._ivalue(), input};
  state_->executor->run(stack);
  TapResult result;
  const c10::IValue& out = stack.at(0);
  if (out.isTensor()) result.logits = out.toTensor();
  for (std::size_t i = 0; i < state_->names.size(); ++i) {
    const c10::IValue& value = stack.at(i + 1);
    if (!value.isTensor()) continue;
    const torch::Tensor maps = value.toTensor();
    if (maps.dim() != 4 || maps.size(2) * maps.size(3) <= 1) continue;
    TappedLayer layer;
    layer.name = state_->names[i];
    layer.type = state_->types[i];
    layer.maps = maps;
    layer.intrinsic = maps.size(1);
    result.layers.push_back(std::move(layer));
  }
  return result;
}

ComplexityReport TorchScriptModel::count(const std::array<int64_t, 3>& input) {
  torch::NoGradGuard noGrad;
  tj::GraphOptimizerEnabledGuard plain(false);
  tj::Stack stack{state_->module._ivalue(), torch::zeros({1, input[0], input[1], input[2]})};
  state_->executor->run(stack);
  std::map<std::string, tj::Module> modules;
  for (const auto& item : state_->module.named_modules()) modules.emplace(item.name, item.value);
  ComplexityReport report;
  for (const auto& p : state_->module.parameters()) report.params += p.numel();
  std::map<std::string, bool> counted;  // a module's params once, however often it runs
  for (std::size_t i = 0; i < state_->names.size(); ++i) {
    const c10::IValue& value = stack.at(i + 1);
    if (!value.isTensor()) continue;
    std::string name = state_->names[i];
    name = name.substr(0, name.find_first_of("#["));
    const auto found = modules.find(name);
    if (found == modules.end() || found->second.children().size() > 0) continue;  // leaves only
    const tj::Module& module = found->second;
    const torch::Tensor out = value.toTensor();
    LayerCost cost;
    cost.name = state_->names[i];
    cost.type = state_->types[i];
    cost.layer = cost.name;
    if (out.dim() == 4) {
      cost.output = {out.size(1), out.size(2), out.size(3)};
    } else if (out.dim() >= 1) {
      cost.output = {out.size(-1), 1, 1};
    }
    if (!counted[name]) {
      for (const auto& p : module.named_parameters(/*recurse=*/false))
        cost.params += p.value.numel();
      counted[name] = true;
    }
    if (module.hasattr("weight") && module.attr("weight").isTensor()) {
      const torch::Tensor weight = module.attr("weight").toTensor();
      // Stride, padding and dilation show in the output's size, groups in the weight's shape.
      if (cost.type == "Conv2d" && out.dim() == 4 && weight.dim() == 4) {
        cost.macs = weight.numel() * out.size(2) * out.size(3);
      } else if (cost.type == "Linear" && out.dim() >= 1) {
        cost.macs = weight.numel() * (out.numel() / out.size(0) / out.size(-1));
      }
    }
    report.macs += cost.macs;
    report.layers.push_back(std::move(cost));
  }
  return report;
}

const std::vector<UntappedModule>& TorchScriptModel::untappedModules() const {
  return state_->untapped;
}

}  // namespace ghostlens
