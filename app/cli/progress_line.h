#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

namespace ghostlens::cli {

/// How a long command tells its progress, on stderr so that stdout keeps only results: on a
/// terminal, one line redrawn in place with the share done and an ETA; otherwise (a log, a
/// pipe) plain lines that stay; with --quiet, nothing.
class ProgressLine {
 public:
  enum class Mode { Terminal, Plain, Quiet };
  /// Plain mode's lines for update(): one every tenth of the way and the last, or none (when line()
  /// already says enough, as an epoch's results do).
  enum class PlainSteps { Tenths, None };
  using Clock = std::function<double()>;  ///< seconds, monotonic

  /// Quiet when `quiet`, Terminal when `stream` is a terminal whose TERM is not "dumb", else
  /// Plain.
  static Mode modeFor(std::FILE* stream, bool quiet);
  /// "0:42", "12:05", "1:02:03".
  static std::string clockText(double seconds);

  /// On stderr, in modeFor(stderr, quiet), timed by the steady clock.
  explicit ProgressLine(bool quiet);
  ProgressLine(std::FILE* stream, Mode mode, Clock clock, int terminalColumns = 0);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  Mode mode() const { return mode_; }
  /// Between start() and finish(): a callback that first learns its total when called starts
  /// the count then.
  bool running() const { return running_; }

  /// Starts counting `total` steps, `alreadyDone` of them done (a callback that first fires
  /// after its first step); the ETA's rate is measured from here, over the steps done since.
  void start(int64_t total, PlainSteps plain = PlainSteps::Tenths, int64_t alreadyDone = 0);
  /// `done` of the total steps, described by `label` ("epoch 2/5, batch 80/469, loss 0.41").
  /// Nothing shows in the first second after start(); then a terminal redraws its line at most
  /// ten times a second (and always at the end).
  void update(int64_t done, const std::string& label);
  /// A line that stays (an epoch's results, a sweep's next run), in every mode but Quiet. On a
  /// terminal the progress line is cleared first and drawn again by the next update().
  void line(const std::string& text);
  /// A core progress callback of (done, total) that starts counting at its first call and
  /// shows "<noun> done/total"; it never cancels.
  std::function<bool(std::size_t, std::size_t)> counter(std::string noun);
  /// Clears a terminal's progress line; the count is over.
  void finish();

 private:
  std::string progressText(int64_t done, const std::string& label) const;
  void clear();

  std::FILE* stream_;
  Mode mode_;
  Clock clock_;
  int columns_;
  PlainSteps plain_ = PlainSteps::Tenths;
  int64_t total_ = 1;
  int64_t alreadyDone_ = 0;
  double started_ = 0;
  double lastDraw_ = -1;
  int64_t nextPlain_ = 0;
  bool endShown_ = false;
  bool drawn_ = false;
  bool running_ = false;
};

}  // namespace ghostlens::cli
