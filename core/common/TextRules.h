#pragma once

#include "common/Result.h"

#include <QString>

namespace taskdeck {

// Limits that every backend can index and store (SQL Server's 900-byte index keys and MariaDB's 3072-byte ones
// are the tightest), enforced before anything reaches a database so that all backends accept the same input.
namespace TextLimits {
inline constexpr int kQueueName = 128;
inline constexpr int kHandlerName = 200;
inline constexpr int kScheduleName = 128;
inline constexpr int kEventName = 200;
inline constexpr int kCronExpression = 255;
inline constexpr int kUniqueKey = 255;
inline constexpr int kSearchText = 1000;
inline constexpr int kPayloadBytes = 1024 * 1024;
inline constexpr int kErrorMessage = 16 * 1024;
inline constexpr int kResultBytes = 256 * 1024;
} // namespace TextLimits

// A name such as a queue or handler: non-empty, no NUL or control characters, no leading or trailing spaces
// (SQL Server ignores trailing spaces in comparisons), at most maxLength characters.
Status validateName(const QString& what, const QString& value, int maxLength);

// A unique key: same rules as a name (spaces inside are fine).
Status validateUniqueKey(const QString& value);

// Free text the user filters on: no NUL, bounded length.
Status validateSearchText(const QString& value);

// A payload must be one JSON value (object, array, string, number, true/false/null) of bounded size without NUL.
// Returns the payload as stored (an empty input becomes "{}").
Result<QString> normalizePayload(const QString& json);

// Text produced by handlers (errors, output tails): never rejected, because losing a failure's message is worse than
// changing it. NUL becomes U+FFFD and overlong text is cut with a marker.
QString sanitizeHandlerText(const QString& text, int maxLength = TextLimits::kErrorMessage);

// A handler's result: kept if it is valid JSON, otherwise stored as a JSON string; bounded like handler text.
QString sanitizeResultJson(const QString& json);

} // namespace taskdeck
