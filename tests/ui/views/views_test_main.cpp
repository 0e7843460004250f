// Runs the QtTest classes of the analysis views; with a class name as the first argument, only
// that class (CTest runs each as its own test). An unknown name is a failure, not zero tests run.
#include <QApplication>
#include <QTest>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

#include "views_tests.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const std::vector<std::pair<const char*, std::function<std::unique_ptr<QObject>()>>> tests = {
      {"ablation", [] { return makeAblationViewTest(); }},
      {"advisor", [] { return makeAdvisorViewTest(); }},
      {"analytic", [] { return makeAnalyticViewTest(); }},
      {"depth", [] { return makeDepthViewTest(); }},
      {"cka", [] { return makeCkaViewTest(); }},
      {"training", [] { return makeTrainingDialogTest(); }},
      {"window", [] { return makeWindowPagesTest(); }},
  };
  const char* only = argc > 1 && argv[1][0] != '-' ? argv[1] : nullptr;
  int failed = 0, ran = 0;
  for (const auto& [name, make] : tests) {
    if (only && std::strcmp(only, name) != 0) continue;
    std::unique_ptr<QObject> test = make();
    // QTest sees the arguments after the class name.
    failed += QTest::qExec(test.get(), only ? argc - 1 : argc, only ? argv + 1 : argv);
    ++ran;
  }
  if (ran == 0) {
    std::fprintf(stderr, "views tests: no test class named '%s'\n", only);
    return 2;
  }
  return failed == 0 ? 0 : 1;
}
