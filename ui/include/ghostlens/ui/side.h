#pragma once

#include <QMetaType>

namespace ghostlens::ui {

/// Which of the two models a widget or a choice is about: the first (left) or the second (right).
/// Not "vanilla" and "ghost": either side may hold any model.
enum class Side { Left, Right };

inline Side otherSide(Side side) { return side == Side::Left ? Side::Right : Side::Left; }

}  // namespace ghostlens::ui

Q_DECLARE_METATYPE(ghostlens::ui::Side)
