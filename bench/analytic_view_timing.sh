#!/usr/bin/env bash
# Time from a change of model or width to the analytic view's four plots redrawn, for ten steps
# through the model list and the width arrows (each drawn from the view's cache of neighbouring
# choices) and three typed widths that need a count. Runs the view's QtTest offscreen, which
# prints the times. Needs a build with the tests.
# Usage: bash bench/analytic_view_timing.sh [--smoke]
#   --smoke: the same (the view's test has one size); accepted so that every script takes it
set -euo pipefail
cd "$(dirname "$0")/.."
QT_QPA_PLATFORM=offscreen build/tests/ui/views/ghostlens_views_tests analytic 2>/dev/null |
  grep '^analytic view'
