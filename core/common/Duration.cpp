#include "common/Duration.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace taskdeck {

Result<qint64> parseDurationMs(const QString& text)
{
    // One amount with an optional unit ("1.5", "30s"), or several with units as formatDurationMs() writes them
    // ("2h30m", "1m30s"), so that what TaskDeck shows can be typed back.
    static const QRegularExpression whole(QStringLiteral(
        "^\\s*(?:[0-9]+(?:\\.[0-9]+)?\\s*(?:ms|s|m|h|d)?|(?:[0-9]+(?:\\.[0-9]+)?\\s*(?:ms|s|m|h|d)\\s*)+)\\s*$"));
    static const QRegularExpression part(QStringLiteral("([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|m|h|d)?"));
    if (!whole.match(text).hasMatch()) {
        return makeError(ErrorCode::InvalidArgument,
                         QCoreApplication::translate("Duration",
                                                     "'%1' is not a duration: use a number of seconds or a number "
                                                     "with a unit, e.g. 250ms, 30s, 5m, 1h, 2d")
                             .arg(text));
    }
    double ms = 0;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const double amount = match.captured(1).toDouble();
        const QString unit = match.captured(2);
        double factor = 1000.0;
        if (unit == QLatin1String("ms"))
            factor = 1.0;
        else if (unit == QLatin1String("m"))
            factor = 60.0 * 1000.0;
        else if (unit == QLatin1String("h"))
            factor = 3600.0 * 1000.0;
        else if (unit == QLatin1String("d"))
            factor = 86400.0 * 1000.0;
        ms += amount * factor;
    }
    return durationFromMs(ms, text);
}

Result<qint64> durationFromMs(double ms, const QString& shown)
{
    if (!std::isfinite(ms) || ms < 0) {
        return makeError(
            ErrorCode::InvalidArgument,
            QCoreApplication::translate("Duration", "'%1' is not a duration: it must not be negative").arg(shown));
    }
    // Cap at ten years: enough for any delay, far from overflowing time arithmetic in any database (and checked
    // before the conversion, which is undefined for values a qint64 cannot hold).
    const double rounded = std::round(ms);
    if (rounded > 10.0 * 365 * 86400 * 1000) {
        return makeError(
            ErrorCode::InvalidArgument,
            QCoreApplication::translate("Duration", "duration '%1' is too long (at most 10 years)").arg(shown));
    }
    return static_cast<qint64>(rounded);
}

QString formatDurationMs(qint64 ms)
{
    if (ms < 0)
        return QLatin1Char('-') + formatDurationMs(-ms);
    if (ms < 1000)
        return QString::number(ms) + QLatin1String("ms");
    if (ms < 60 * 1000) {
        const double seconds = ms / 1000.0;
        return QString::number(seconds, 'g', seconds < 10 ? 3 : 4) + QLatin1Char('s');
    }
    const qint64 totalSeconds = ms / 1000;
    const qint64 days = totalSeconds / 86400;
    const qint64 hours = (totalSeconds % 86400) / 3600;
    const qint64 minutes = (totalSeconds % 3600) / 60;
    const qint64 seconds = totalSeconds % 60;
    QString out;
    if (days)
        out += QString::number(days) + QLatin1Char('d');
    if (hours)
        out += QString::number(hours) + QLatin1Char('h');
    if (minutes && days == 0)
        out += QString::number(minutes) + QLatin1Char('m');
    if (seconds && days == 0 && hours == 0)
        out += QString::number(seconds) + QLatin1Char('s');
    return out;
}

} // namespace taskdeck
