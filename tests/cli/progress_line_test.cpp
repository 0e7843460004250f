// ProgressLine, with a clock the test moves: what a terminal, a log and --quiet each get.
#include "progress_line.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <string>

namespace {

using ghostlens::cli::ProgressLine;

/// A ProgressLine writing into memory, at the test's time.
class Captured {
 public:
  explicit Captured(ProgressLine::Mode mode, int columns = 0) {
    stream_ = open_memstream(&buffer_, &size_);
    line_.emplace(
        stream_, mode, [this] { return now; }, columns);
  }
  ~Captured() {
    line_.reset();
    std::fclose(stream_);
    std::free(buffer_);
  }
  ProgressLine& line() { return *line_; }
  std::string text() {
    std::fflush(stream_);
    return std::string(buffer_, size_);
  }
  double now = 0;

 private:
  char* buffer_ = nullptr;
  std::size_t size_ = 0;
  std::FILE* stream_ = nullptr;
  std::optional<ProgressLine> line_;
};

TEST(ProgressLine, ClockTextHasMinutesAndHoursWhenNeeded) {
  EXPECT_EQ(ProgressLine::clockText(42.4), "0:42");
  EXPECT_EQ(ProgressLine::clockText(725), "12:05");
  EXPECT_EQ(ProgressLine::clockText(3723), "1:02:03");
  EXPECT_EQ(ProgressLine::clockText(-3), "0:00");
  EXPECT_EQ(ProgressLine::clockText(1e30), "168:00:00");  // capped at a week
}

TEST(ProgressLine, AnUpdateBeforeStartDoesNotDivideByZero) {
  Captured c(ProgressLine::Mode::Plain);
  c.now = 5;
  c.line().update(0, "nothing started");
  EXPECT_EQ(c.text(), "nothing started  0%  ETA --:--\n");
}

TEST(ProgressLine, TheRateCountsOnlyStepsDoneSinceStart) {
  Captured c(ProgressLine::Mode::Plain);
  c.line().start(10, ProgressLine::PlainSteps::Tenths, 4);
  c.now = 3;
  c.line().update(7, "seven");  // 3 steps in 3 s: 3 more take 3 s
  EXPECT_EQ(c.text(), "seven  70%  ETA 0:03\n");
}

TEST(ProgressLine, ATerminalGetsOneLineRedrawnInPlaceWithAnEta) {
  Captured c(ProgressLine::Mode::Terminal);
  c.line().start(100);
  c.now = 2;
  c.line().update(40, "step 40");
  // 40 steps took 2 s: 60 more take 3 s.
  EXPECT_EQ(c.text(), "\rstep 40  40%  ETA 0:03\033[K");
  c.now = 2.05;
  c.line().update(41, "step 41");  // within a tenth of a second: not drawn
  EXPECT_EQ(c.text().find("step 41"), std::string::npos);
  c.now = 2.2;
  c.line().update(50, "step 50");
  EXPECT_NE(c.text().find("\rstep 50  50%  ETA 0:02\033[K"), std::string::npos);
  c.line().line("kept");  // the progress line is cleared before a line that stays
  EXPECT_NE(c.text().find("\033[K\r\033[Kkept\n"), std::string::npos) << c.text();
  c.now = 2.21;
  c.line().update(100, "step 100");  // the end is always drawn
  EXPECT_NE(c.text().find("\rstep 100  100%  took 0:02\033[K"), std::string::npos);
  c.line().finish();
  EXPECT_EQ(c.text().substr(c.text().size() - 4), "\r\033[K");
  EXPECT_EQ(c.text().find('\n'), c.text().find("kept") + 4);  // the only newline
}

TEST(ProgressLine, NothingShowsInTheFirstSecond) {
  for (const auto mode : {ProgressLine::Mode::Terminal, ProgressLine::Mode::Plain}) {
    Captured c(mode);
    c.line().start(10);
    c.now = 0.9;
    c.line().update(10, "all done quickly");
    c.line().finish();
    EXPECT_EQ(c.text(), "");
  }
}

TEST(ProgressLine, ALongLineIsCutToTheTerminalsWidth) {
  Captured c(ProgressLine::Mode::Terminal, 20);
  c.line().start(4);
  c.now = 5;
  c.line().update(1, "a label much longer than twenty columns");
  EXPECT_EQ(c.text(), "\ra label much longer\033[K");
}

TEST(ProgressLine, ALogGetsPlainLinesEveryTenthOfTheWay) {
  Captured c(ProgressLine::Mode::Plain);
  c.line().start(100);
  for (int done = 1; done <= 100; ++done) {
    c.now = 1 + done * 0.1;
    c.line().update(done, "n " + std::to_string(done));
  }
  const std::string text = c.text();
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_EQ(text.find('\033'), std::string::npos);
  int lines = 0;
  for (char ch : text) lines += ch == '\n';
  EXPECT_EQ(lines, 11) << text;  // at 1, 11, ..., 91, and the end
  EXPECT_EQ(text.rfind("n 100  100%  took 0:11\n"), text.size() - 23) << text;
}

TEST(ProgressLine, ALogWithoutStepsGetsOnlyTheLinesThatStay) {
  Captured c(ProgressLine::Mode::Plain);
  c.line().start(100, ProgressLine::PlainSteps::None);
  c.now = 5;
  c.line().update(50, "batch 50");
  c.line().line("epoch 1/2: done");
  EXPECT_EQ(c.text(), "epoch 1/2: done\n");
}

TEST(ProgressLine, QuietPrintsNothing) {
  Captured c(ProgressLine::Mode::Quiet);
  c.line().start(10);
  c.now = 5;
  c.line().update(5, "half");
  c.line().line("an epoch");
  c.line().finish();
  EXPECT_EQ(c.text(), "");
}

TEST(ProgressLine, TheCounterCallbackStartsAtItsFirstCallAndNeverCancels) {
  Captured c(ProgressLine::Mode::Plain);
  c.now = 100;  // start() happens at the first call, so the first second counts from here
  auto counter = c.line().counter("layers");
  EXPECT_TRUE(counter(1, 4));
  c.now = 102;
  EXPECT_TRUE(counter(2, 4));
  // One step in the 2 s since the first call (which had one done already): 2 s a step.
  EXPECT_EQ(c.text(), "layers 2/4  50%  ETA 0:04\n");
}

}  // namespace
