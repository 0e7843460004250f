#include "profile_command.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "ghostlens/models/deploy.h"
#include "ghostlens/profiling/forward_profile.h"
#include "ghostlens/profiling/machine_peak.h"
#include "ghostlens/session/model_pair.h"
#include "ghostlens/util/input_error.h"
#include "json_output.h"
#include "model_options.h"
#include "number_format.h"
#include "progress_line.h"

namespace ghostlens::cli {

namespace {

struct ProfileSettings {
  ModelOptions model;
  std::string weights;
  int repeat = 20;
  bool deploy = false;
  std::string jsonPath;
  bool machine = false;
  const GlobalOptions* global = nullptr;  ///< --threads and --quiet, before or after the command
};

nlohmann::json toJson(const ModelSpec& spec, bool deploy, const ForwardProfile& p,
                      const std::optional<MachinePeak>& peak) {
  nlohmann::json layers = nlohmann::json::array();
  for (const LayerProfile& l : p.layers) {
    layers.push_back({{"name", l.name},
                      {"type", l.type},
                      {"macs", l.macs},
                      {"params", l.params},
                      {"latency_ms", l.latencyMs},
                      {"output_bytes", l.outputBytes},
                      {"bytes_moved", l.bytesMoved},
                      {"intensity", l.intensity}});
  }
  return {{"model", architectureName(spec.arch)},
          {"spec", describeSpec(spec)},
          {"input", spec.input},
          {"threads", p.threads},
          {"deploy", deploy},
          {"repeat", p.repeat},
          {"forward_ms", {{"median", p.medianMs}, {"min", p.minMs}, {"max", p.maxMs}}},
          {"layer_sum_ms", p.layerSumMs},
          {"peak_activation_bytes", p.peakActivationBytes},
          {"layers", layers},
          {"machine", peak ? nlohmann::json{{"sgemm_gmacs", peak->sgemmGmacs},
                                            {"copy_gbytes_per_s", peak->copyGbytes}}
                           : nlohmann::json(nullptr)}};
}

void printTable(const ModelSpec& spec, bool deploy, const ForwardProfile& p,
                const std::optional<MachinePeak>& peak) {
  std::printf("%s%s, input %lldx%lldx%lld, %d threads, median of %d runs\n",
              describeSpec(spec).c_str(), deploy ? ", deploy mode" : "",
              static_cast<long long>(spec.input[0]), static_cast<long long>(spec.input[1]),
              static_cast<long long>(spec.input[2]), p.threads, p.repeat);
  std::printf("%-44s %-18s %14s %10s %12s %8s\n", "layer", "type", "MACs", "ms", "bytes moved",
              "MAC/B");
  for (const LayerProfile& l : p.layers) {
    std::printf("%-44s %-18s %14s %10.3f %12s %8.2f\n",
                l.name.empty() ? "(network)" : l.name.c_str(), l.type.c_str(),
                groupedThousands(l.macs).c_str(), l.latencyMs,
                groupedThousands(l.bytesMoved).c_str(), l.intensity);
  }
  std::printf("forward: median %.3f ms (min %.3f, max %.3f); sum of rows %.3f ms (%+.1f%%)\n",
              p.medianMs, p.minMs, p.maxMs, p.layerSumMs,
              100.0 * (p.layerSumMs / p.medianMs - 1.0));
  std::printf("peak activation memory: %s bytes (%s)\n",
              groupedThousands(p.peakActivationBytes).c_str(),
              humanCount(p.peakActivationBytes).c_str());
  if (peak) {
    int64_t macs = 0;
    for (const LayerProfile& l : p.layers) macs += l.macs;
    const double rate = static_cast<double>(macs) / p.medianMs * 1e-6;
    std::printf(
        "machine: SGEMM %.1f GMAC/s, copy %.1f GB/s; this forward %.2f GMAC/s = %.1f%% "
        "of the SGEMM rate\n",
        peak->sgemmGmacs, peak->copyGbytes, rate, 100.0 * rate / peak->sgemmGmacs);
  }
}

void run(const ProfileSettings& s, const CLI::App& command) {
  const LoadedModel loaded = s.weights.empty() ? loadModel(ModelSource::untrained(s.model.spec()))
                                               : s.model.loadWeights(s.weights, command);
  // Per-module times of the other kinds are not measured yet.
  (void)loaded.zoo("profile");
  std::shared_ptr<NetworkImpl> model = loaded.network;
  if (s.deploy) model = makeDeployed(*model, loaded.spec);
  ProfileOptions options;
  options.repeat = s.repeat;
  ProgressLine progress(s.global->quiet);
  const ForwardProfile profile =
      profileForward(*model, loaded.spec.input, options, progress.counter("timed runs"));
  progress.finish();
  std::optional<MachinePeak> peak;
  if (s.machine) peak = measureMachinePeak();
  if (!s.jsonPath.empty()) {
    const nlohmann::json json = toJson(loaded.spec, s.deploy, profile, peak);
    if (s.jsonPath == "-") {
      std::cout << json.dump() << '\n';
      return;
    }
    writeJsonFile(s.jsonPath, json);
  }
  printTable(loaded.spec, s.deploy, profile, peak);
}

}  // namespace

Command addProfileCommand(CLI::App& app, GlobalOptions& global) {
  auto s = std::make_shared<ProfileSettings>();
  CLI::App* command = app.add_subcommand(
      "profile",
      "Measured time, bytes moved and peak activation memory of a forward pass, per "
      "layer");
  s->model.addTo(*command);
  command->add_option("--weights", s->weights,
                      "Weights file (the model is inferred from it unless model flags say "
                      "otherwise); default: untrained weights of the model flags' spec");
  command->add_option("--repeat", s->repeat, "Timed runs (after 3 untimed ones)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command->add_flag("--deploy", s->deploy,
                    "Deploy mode: BatchNorm folded into convs, Ghost modules without cat");
  command->add_flag("--machine", s->machine,
                    "Also measure this machine's SGEMM and copy rates (the roofline), about 1 s");
  command->add_option("--json", s->jsonPath,
                      "Write the profile as JSON to this file (- for stdout)");
  s->global = &global;
  addGlobalOptions(*command, global);
  return {command, [s, command] { run(*s, *command); }};
}

}  // namespace ghostlens::cli
