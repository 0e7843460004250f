#include "progress_line.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace ghostlens::cli {

namespace {

constexpr double kRedrawSeconds = 0.1;
// Work done sooner shows no progress at all: a quick command's stderr stays empty, or holds
// only its one error line.
constexpr double kFirstDrawSeconds = 1.0;

double steadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int terminalColumns(std::FILE* stream) {
  winsize size{};
  if (::ioctl(::fileno(stream), TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 0;
}

}  // namespace

ProgressLine::Mode ProgressLine::modeFor(std::FILE* stream, bool quiet) {
  if (quiet) return Mode::Quiet;
  const char* term = std::getenv("TERM");
  const bool dumb = term != nullptr && std::strcmp(term, "dumb") == 0;
  return ::isatty(::fileno(stream)) != 0 && !dumb ? Mode::Terminal : Mode::Plain;
}

std::string ProgressLine::clockText(double seconds) {
  // An ETA from one slow first step can be absurd; a week is as long as it says.
  const long long total = std::llround(std::clamp(seconds, 0.0, 7 * 24 * 3600.0));
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                  total % 60);
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
  }
  return text;
}

ProgressLine::ProgressLine(bool quiet)
    : ProgressLine(stderr, modeFor(stderr, quiet), steadySeconds, terminalColumns(stderr)) {}

ProgressLine::ProgressLine(std::FILE* stream, Mode mode, Clock clock, int terminalColumns)
    : stream_(stream), mode_(mode), clock_(std::move(clock)), columns_(terminalColumns) {}

ProgressLine::~ProgressLine() { finish(); }

void ProgressLine::start(int64_t total, PlainSteps plain, int64_t alreadyDone) {
  total_ = std::max<int64_t>(total, 1);
  alreadyDone_ = std::clamp<int64_t>(alreadyDone, 0, total_);
  plain_ = plain;
  started_ = clock_();
  lastDraw_ = -1;
  nextPlain_ = 0;
  endShown_ = false;
  running_ = true;
}

std::string ProgressLine::progressText(int64_t done, const std::string& label) const {
  const double elapsed = clock_() - started_;
  const int percent = static_cast<int>(100 * done / total_);
  std::string eta = "ETA --:--";
  if (done >= total_) {
    eta = "took " + clockText(elapsed);
  } else if (done > alreadyDone_) {
    eta = "ETA " + clockText(elapsed * static_cast<double>(total_ - done) / (done - alreadyDone_));
  }
  return label + "  " + std::to_string(percent) + "%  " + eta;
}

void ProgressLine::update(int64_t done, const std::string& label) {
  done = std::clamp<int64_t>(done, 0, total_);
  const double now = clock_();
  if (now - started_ < kFirstDrawSeconds) return;
  if (mode_ == Mode::Terminal) {
    if (done < total_ && lastDraw_ >= 0 && now - lastDraw_ < kRedrawSeconds) return;
    lastDraw_ = now;
    std::string text = progressText(done, label);
    // A line longer than the terminal would wrap, and \r would then redraw only its end.
    if (columns_ > 1 && static_cast<int>(text.size()) >= columns_) text.resize(columns_ - 1);
    std::fprintf(stream_, "\r%s\033[K", text.c_str());
    std::fflush(stream_);
    drawn_ = true;
  } else if (mode_ == Mode::Plain && plain_ == PlainSteps::Tenths &&
             (done >= nextPlain_ || (done == total_ && !endShown_))) {
    // Every tenth of the way, and the end once.
    endShown_ = done == total_;
    std::fprintf(stream_, "%s\n", progressText(done, label).c_str());
    std::fflush(stream_);
    nextPlain_ = done + std::max<int64_t>(1, total_ / 10);
  }
}

std::function<bool(std::size_t, std::size_t)> ProgressLine::counter(std::string noun) {
  return [this, noun = std::move(noun)](std::size_t done, std::size_t total) {
    if (!running()) {
      start(static_cast<int64_t>(total), PlainSteps::Tenths, static_cast<int64_t>(done));
    }
    update(static_cast<int64_t>(done),
           noun + " " + std::to_string(done) + "/" + std::to_string(total));
    return true;
  };
}

void ProgressLine::line(const std::string& text) {
  if (mode_ == Mode::Quiet) return;
  clear();
  std::fprintf(stream_, "%s\n", text.c_str());
  std::fflush(stream_);
  lastDraw_ = -1;
}

void ProgressLine::finish() {
  clear();
  running_ = false;
}

void ProgressLine::clear() {
  if (!drawn_) return;
  std::fprintf(stream_, "\r\033[K");
  std::fflush(stream_);
  drawn_ = false;
}

}  // namespace ghostlens::cli
