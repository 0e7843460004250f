#pragma once

// The only way into qcustomplot.h: it uses the `signals` and `foreach` keywords that our
// QT_NO_KEYWORDS build (needed next to Torch headers) leaves undefined.
#define signals Q_SIGNALS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef foreach
#undef signals
