#pragma once

#include "store/Requests.h"
#include "store/TaskStore.h"

#include <QDateTime>

namespace taskdeck::demo {

// A made-up day of the demo shop's statistics, so that a newcomer's first look at the charts shows what they are
// for: a daily rhythm per queue, the usual few failures, and one incident (the SMTP server refusing mail for
// twenty minutes). The database records until when the statistics are generated, and the overview says so.

// Per-minute rows for the hours before until (a whole minute); seeded, so that it reads the same every time.
QList<StatsRow> generatedHistory(const QDateTime& until, int hours = 24, quint32 seed = 20261208);

// Adds the history once, ending at the database's current minute; nothing when any statistics exist already.
Status addHistory(TaskStore& store);

} // namespace taskdeck::demo
