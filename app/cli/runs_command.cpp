#include "runs_command.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "ghostlens/training/experiment_runner.h"
#include "ghostlens/training/paper_sweep.h"
#include "ghostlens/util/input_error.h"
#include "model_options.h"
#include "progress_line.h"
#include "train_options.h"
#include "training_progress.h"

namespace ghostlens::cli {

namespace {

struct RunsSettings {
  std::string store;
  bool csv = false;
  bool json = false;
};

struct SweepSettings {
  ModelOptions model;
  TrainConfig config;
  std::vector<int64_t> ratios = PaperSweep::ratios();
  std::vector<int64_t> dws = PaperSweep::kernels();
  std::string checkpointDir = "ghostlens-checkpoints";
  std::string store;
  const GlobalOptions* global = nullptr;  ///< --threads and --quiet, before or after the command
};

void printRuns(const std::vector<RunRecord>& runs) {
  std::printf("%4s %-9s %6s %3s %3s %10s %12s %6s %9s %9s %-10s %s\n", "id", "model", "width", "s",
              "d", "params", "MACs", "epochs", "test acc", "seconds", "status", "plan");
  for (const RunRecord& r : runs) {
    // A per-layer plan has no one s and d: its name stands for them.
    const std::string s = r.spec.hasPlan() ? "-" : std::to_string(r.spec.ratio);
    const std::string d = r.spec.hasPlan() ? "-" : std::to_string(r.spec.dw);
    std::printf("%4lld %-9s %6g %3s %3s %10lld %12lld %6lld %9.4f %9.1f %-10s %s\n",
                static_cast<long long>(r.id), architectureName(r.spec.arch).c_str(), r.spec.width,
                s.c_str(), d.c_str(), static_cast<long long>(r.params),
                static_cast<long long>(r.macs), static_cast<long long>(r.epochs), r.testAccuracy,
                r.trainSeconds, r.status.c_str(), r.spec.hasPlan() ? r.spec.planName.c_str() : "");
  }
}

}  // namespace

Command addRunsCommand(CLI::App& app, GlobalOptions& global) {
  auto s = std::make_shared<RunsSettings>();
  CLI::App* command = app.add_subcommand("runs", "List the experiment store");
  addStoreOption(*command, s->store);
  auto* csv = command->add_flag("--csv", s->csv, "Print CSV");
  command->add_flag("--json", s->json, "Print JSON (with per-epoch metrics)")->excludes(csv);
  addGlobalOptions(*command, global);
  return {command, [s] {
            const ExperimentStore store(storePath(s->store));
            if (s->csv) {
              std::cout << store.toCsv();
            } else if (s->json) {
              std::cout << store.toJson() << '\n';
            } else {
              printRuns(store.runs());
            }
          }};
}

Command addSweepCommand(CLI::App& app, GlobalOptions& global) {
  auto s = std::make_shared<SweepSettings>();
  CLI::App* command = app.add_subcommand(
      "sweep", "Train the vanilla model, the s sweep at d = 3 and the d sweep at s = 2");
  s->model.useFashionMnistDefaults();
  s->model.addTo(*command);
  command->add_option("--ratios", s->ratios, "Ratios s (1 = vanilla)")
      ->delimiter(',')
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command
      ->add_option(
          "--dws", s->dws,
          "Cheap kernels d (at s = " + std::to_string(PaperSweep::kRatioOfKernelSweep) + ")")
      ->delimiter(',')
      ->check(CLI::Range(1, 15))
      ->capture_default_str();
  addTrainingOptions(*command, s->config);
  command->add_option("--checkpoint-dir", s->checkpointDir, "Where each run's checkpoint goes")
      ->capture_default_str();
  addStoreOption(*command, s->store);
  s->global = &global;
  addGlobalOptions(*command, global);
  return {command, [s] {
            for (int64_t d : s->dws) {
              if (d % 2 == 0) throw InputError("--dws: d must be odd, got " + std::to_string(d));
            }
            TrainConfig config = s->config;
            config.spec = s->model.spec();
            ExperimentStore store(storePath(s->store));
            TrainingProgress progress(s->global->quiet, config.epochs);
            const auto records = runSweep(
                config, s->ratios, s->dws, s->checkpointDir, store,
                [&](std::size_t i, std::size_t n, const ModelSpec& spec, bool skipped) {
                  progress.nextRun();
                  progress.line("[" + std::to_string(i + 1) + "/" + std::to_string(n) + "] " +
                                runName(spec, config.epochs, config.seed) +
                                (skipped ? ": finished before, skipped" : ""));
                },
                progress.batches(), progress.events());
            progress.finish();
            printRuns(records);
          }};
}

}  // namespace ghostlens::cli
