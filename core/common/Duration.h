#pragma once

#include "common/Result.h"

#include <QString>

namespace taskdeck {

// Parses "250ms", "30s", "5m", "1h", "2d" or plain (possibly fractional) seconds into milliseconds.
Result<qint64> parseDurationMs(const QString& text);

// Checks a duration already in milliseconds (e.g. a JSON number of seconds × 1000): finite, not negative, at most
// ten years. `shown` is how the user wrote it, for the message.
Result<qint64> durationFromMs(double ms, const QString& shown);

// "1.5s", "250ms", "5m", "2h30m": the shortest readable form, for messages and tables.
QString formatDurationMs(qint64 ms);

} // namespace taskdeck
