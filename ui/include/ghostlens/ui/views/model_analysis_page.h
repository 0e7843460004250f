#pragma once

#include <optional>

#include "ghostlens/ui/background_task.h"
#include "ghostlens/ui/page.h"

class QCheckBox;
class QHBoxLayout;
class QLabel;
class QPushButton;

namespace ghostlens::ui {

/// A page that analyses the window's models in the background: the depth and CKA views. It runs
/// the first time it comes to the front and again when asked (its Run button) or when the
/// models change while it is in front; it says which models it analyses, and reports its
/// progress through Page (the window's status bar, with its Cancel). Subclasses add their settings
/// to controls(), their plot below, and start their BackgroundTask in launch().
class ModelAnalysisPage : public Page {
  Q_OBJECT
 public:
  bool usesModels() const override { return true; }
  void setModels(const PairSource& models) override;
  void activated() override;
  void cancelWork() override { cancel(); }
  /// Runs with the current settings; a running analysis is cancelled first.
  void start();
  void cancel();
  bool isBusy() const;
  /// Which models the page analyses and on what, in one line ("Models: ... | ...; input: ...").
  QString subject() const;
  /// Pinned: the page keeps its models when the window's change.
  void setPinned(bool pinned);

 Q_SIGNALS:
  /// A result is drawn, or the analysis failed or was cancelled (statusMessage says which).
  void finished();
  /// The analysis failed: the error's one line (before finished()).
  void failed(const QString& message);

 protected:
  ModelAnalysisPage(const QString& runText, QWidget* parent);
  /// The row the subclass adds its settings to (before the Run button).
  QHBoxLayout* controls() const { return settings_; }
  /// The subclass's plot, below the controls.
  void setContent(QWidget* content);
  /// Makes the page follow `task`: its button, progress, errors, cancellation.
  void watch(BackgroundTaskBase* task);
  /// Starts the subclass's task on `models`.
  virtual void launch(const PairSource& models) = 0;
  /// Called by the subclass when its result is drawn, with a line for the status.
  void done(const QString& status);
  /// What the subclass runs the models on, for the subject line ("Fashion-MNIST test #3").
  virtual QString inputText() const = 0;
  /// The subclass's input changed: the subject line follows.
  void updateSubject();
  /// The result no longer fits the models or input: computed again the next time the page is
  /// looked at (now, if it is in front).
  void restartWhenShown();

 private:
  std::optional<PairSource> models_;
  BackgroundTaskBase* task_ = nullptr;
  bool started_ = false;
  QHBoxLayout* settings_;
  QPushButton* run_;
  QLabel* status_;
  QLabel* subject_;
  QCheckBox* pin_;
};

}  // namespace ghostlens::ui
