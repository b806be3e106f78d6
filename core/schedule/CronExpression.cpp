#include "schedule/CronExpression.h"

#include "common/Translate.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cstdlib>

namespace taskdeck {

namespace {

struct FieldSpec
{
    const char* name;
    int low;
    int high;
    QStringList names; // value low + i for names[i]
};

const QStringList kMonthNames{QStringLiteral("JAN"), QStringLiteral("FEB"), QStringLiteral("MAR"),
                              QStringLiteral("APR"), QStringLiteral("MAY"), QStringLiteral("JUN"),
                              QStringLiteral("JUL"), QStringLiteral("AUG"), QStringLiteral("SEP"),
                              QStringLiteral("OCT"), QStringLiteral("NOV"), QStringLiteral("DEC")};
const QStringList kDayNames{QStringLiteral("SUN"), QStringLiteral("MON"), QStringLiteral("TUE"), QStringLiteral("WED"),
                            QStringLiteral("THU"), QStringLiteral("FRI"), QStringLiteral("SAT")};

Result<int> fieldValue(const FieldSpec& spec, const QString& text, const QString& field)
{
    const int named = spec.names.indexOf(text.toUpper());
    if (named >= 0)
        return spec.low + named;
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || text.isEmpty() || !text.at(0).isDigit())
        return makeError(ErrorCode::InvalidArgument,
                         tr("the %1 field '%2' has '%3', which is not a number%4")
                             .arg(QLatin1String(spec.name), field, text,
                                  spec.names.isEmpty() ? QString() : tr(" or a name like %1").arg(spec.names.first())));
    if (value < spec.low || value > spec.high)
        return makeError(ErrorCode::InvalidArgument,
                         tr("the %1 field '%2' has %3, outside %4–%5")
                             .arg(QLatin1String(spec.name), field)
                             .arg(value)
                             .arg(spec.low)
                             .arg(spec.high));
    return value;
}

// Sets the bits of one field; value 7 of the day-of-week field lands on 0 (both are Sunday).
template<std::size_t N>
Status parseField(const FieldSpec& spec, const QString& field, std::bitset<N>& bits)
{
    bits.reset();
    for (const QString& part : field.split(QLatin1Char(','))) {
        if (part.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             tr("the %1 field '%2' has an empty list item").arg(QLatin1String(spec.name), field));
        QString range = part;
        int step = 1;
        const qsizetype slash = part.indexOf(QLatin1Char('/'));
        if (slash >= 0) {
            range = part.left(slash);
            bool ok = false;
            step = part.mid(slash + 1).toInt(&ok);
            if (!ok || step < 1 || step > spec.high)
                return makeError(ErrorCode::InvalidArgument,
                                 tr("the %1 field '%2' has the step '%3': give a whole "
                                    "number from 1 to %4")
                                     .arg(QLatin1String(spec.name), field, part.mid(slash + 1))
                                     .arg(spec.high));
        }
        int first = spec.low;
        int last = spec.high;
        if (range != QLatin1String("*") && range != QLatin1String("?")) {
            const qsizetype dash = range.indexOf(QLatin1Char('-'));
            auto low = fieldValue(spec, dash >= 0 ? range.left(dash) : range, field);
            if (!low)
                return low.error();
            first = *low;
            if (dash >= 0) {
                auto high = fieldValue(spec, range.mid(dash + 1), field);
                if (!high)
                    return high.error();
                last = *high;
                if (last < first)
                    return makeError(ErrorCode::InvalidArgument,
                                     tr("the %1 field '%2' has the range %3, which runs backwards")
                                         .arg(QLatin1String(spec.name), field, range));
            } else if (slash < 0) {
                last = first;
            }
        }
        for (int value = first; value <= last; value += step)
            bits.set(static_cast<std::size_t>(value % static_cast<int>(N)));
    }
    return {};
}

QDateTime wallClock(const QDate& date, const QTime& time)
{
    // Local wall-clock times are handled as zone-less values; Qt::UTC keeps Qt from applying any offset to them.
    return QDateTime(date, time, Qt::UTC);
}

// The UTC instants at which a wall-clock time occurs in a zone: one normally, two in an autumn overlap (earliest
// first), and in a spring gap the moment of the change, which is when a skipped local time has passed.
QList<QDateTime> instantsOf(const QDateTime& wall, const QTimeZone& zone)
{
    QList<int> offsets{zone.offsetFromUtc(wall.addDays(-1)), zone.offsetFromUtc(wall),
                       zone.offsetFromUtc(wall.addDays(1))};
    std::sort(offsets.begin(), offsets.end());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
    QList<QDateTime> instants;
    for (int offset : std::as_const(offsets)) {
        const QDateTime candidate = wall.addSecs(-offset);
        if (zone.offsetFromUtc(candidate) == offset)
            instants << candidate;
    }
    if (!instants.isEmpty()) {
        std::sort(instants.begin(), instants.end());
        return instants;
    }
    // In a gap: with the larger (later) offset the wall time maps to an instant before the change.
    const QDateTime beforeChange = wall.addSecs(-offsets.last());
    const QTimeZone::OffsetData change = zone.nextTransition(beforeChange);
    if (change.atUtc.isValid())
        return {change.atUtc};
    return {wall.addSecs(-offsets.first())};
}

} // namespace

Result<CronExpression> CronExpression::parse(const QString& text)
{
    CronExpression cron;
    cron.m_text = text.simplified();
    QString fields = cron.m_text;
    if (fields.startsWith(QLatin1Char('@'))) {
        const QString macro = fields.toLower();
        if (macro == QLatin1String("@yearly") || macro == QLatin1String("@annually"))
            fields = QStringLiteral("0 0 1 1 *");
        else if (macro == QLatin1String("@monthly"))
            fields = QStringLiteral("0 0 1 * *");
        else if (macro == QLatin1String("@weekly"))
            fields = QStringLiteral("0 0 * * 0");
        else if (macro == QLatin1String("@daily") || macro == QLatin1String("@midnight"))
            fields = QStringLiteral("0 0 * * *");
        else if (macro == QLatin1String("@hourly"))
            fields = QStringLiteral("0 * * * *");
        else
            return makeError(
                ErrorCode::InvalidArgument,
                tr("'%1' is not a cron macro: use @yearly, @monthly, @weekly, @daily or @hourly").arg(cron.m_text));
    }
    QStringList parts = fields.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.size() != 5 && parts.size() != 6)
        return makeError(ErrorCode::InvalidArgument,
                         tr("'%1' has %2 fields; a cron expression has 5 (minute hour day month weekday) or 6 "
                            "(second first)")
                             .arg(cron.m_text)
                             .arg(parts.size()));
    cron.m_hasSeconds = parts.size() == 6;
    if (!cron.m_hasSeconds)
        parts.prepend(QStringLiteral("0"));

    if (auto s = parseField(FieldSpec{"second", 0, 59, {}}, parts.at(0), cron.m_seconds); !s)
        return s.error();
    if (auto s = parseField(FieldSpec{"minute", 0, 59, {}}, parts.at(1), cron.m_minutes); !s)
        return s.error();
    if (auto s = parseField(FieldSpec{"hour", 0, 23, {}}, parts.at(2), cron.m_hours); !s)
        return s.error();
    if (auto s = parseField(FieldSpec{"day-of-month", 1, 31, {}}, parts.at(3), cron.m_daysOfMonth); !s)
        return s.error();
    if (auto s = parseField(FieldSpec{"month", 1, 12, kMonthNames}, parts.at(4), cron.m_months); !s)
        return s.error();
    std::bitset<8> days;
    if (auto s = parseField(FieldSpec{"day-of-week", 0, 7, kDayNames}, parts.at(5), days); !s)
        return s.error();
    for (std::size_t day = 0; day < 7; ++day)
        cron.m_daysOfWeek.set(day, days.test(day) || (day == 0 && days.test(7)));
    // As in Vixie cron: a day field written starting with '*' does not restrict the day.
    cron.m_dayOfMonthRestricted = !parts.at(3).startsWith(QLatin1Char('*')) && parts.at(3) != QLatin1String("?");
    cron.m_dayOfWeekRestricted = !parts.at(5).startsWith(QLatin1Char('*')) && parts.at(5) != QLatin1String("?");
    return cron;
}

Result<QTimeZone> CronExpression::zone(const QString& ianaId)
{
    if (ianaId.isEmpty() || ianaId == QLatin1String("UTC"))
        return QTimeZone::utc();
    const QTimeZone zone(ianaId.toUtf8());
    if (!zone.isValid())
        return makeError(ErrorCode::InvalidArgument,
                         tr("'%1' is not a time zone this system knows: give an IANA name such as Europe/Berlin or "
                            "Asia/Shanghai (is the tzdata package installed?)")
                             .arg(ianaId));
    return zone;
}

QString CronExpression::formatInZone(const QDateTime& utc, const QString& ianaId)
{
    if (!utc.isValid())
        return {};
    auto known = zone(ianaId);
    if (!known)
        return utc.toUTC().toString(Qt::ISODate);
    // The offset, not the zone's abbreviation: "CST" is China's, Cuba's and Central America's.
    const QDateTime local = utc.toTimeZone(*known);
    const int offsetMinutes = local.offsetFromUtc() / 60;
    return QStringLiteral("%1 UTC%2%3:%4")
        .arg(local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
             offsetMinutes < 0 ? QStringLiteral("-") : QStringLiteral("+"))
        .arg(std::abs(offsetMinutes) / 60, 2, 10, QLatin1Char('0'))
        .arg(std::abs(offsetMinutes) % 60, 2, 10, QLatin1Char('0'));
}

bool CronExpression::dayMatches(const QDate& date) const
{
    const bool dayOfMonth = m_daysOfMonth.test(static_cast<std::size_t>(date.day()));
    const bool dayOfWeek = m_daysOfWeek.test(static_cast<std::size_t>(date.dayOfWeek() % 7));
    if (m_dayOfMonthRestricted && m_dayOfWeekRestricted)
        return dayOfMonth || dayOfWeek;
    return dayOfMonth && dayOfWeek;
}

std::optional<QDateTime> CronExpression::nextLocalAfter(const QDateTime& local, int lastYear) const
{
    QDate date = local.date();
    const QTime start = local.time();
    int hour = start.hour();
    int minute = start.minute();
    int second = start.second() + 1;
    // Field by field, from the largest: a field that does not match moves on to its next value and resets the
    // smaller fields, so the loop takes a few hundred steps at most per year searched.
    while (date.year() <= lastYear) {
        if (second > 59) {
            second = 0;
            ++minute;
        }
        if (minute > 59) {
            minute = 0;
            ++hour;
        }
        if (hour > 23) {
            hour = 0;
            date = date.addDays(1);
        }
        if (!m_months.test(static_cast<std::size_t>(date.month()))) {
            date = QDate(date.year(), date.month(), 1).addMonths(1);
            hour = minute = second = 0;
            continue;
        }
        if (!dayMatches(date)) {
            date = date.addDays(1);
            hour = minute = second = 0;
            continue;
        }
        if (!m_hours.test(static_cast<std::size_t>(hour))) {
            ++hour;
            minute = second = 0;
            continue;
        }
        if (!m_minutes.test(static_cast<std::size_t>(minute))) {
            ++minute;
            second = 0;
            continue;
        }
        if (!m_seconds.test(static_cast<std::size_t>(second))) {
            ++second;
            continue;
        }
        return wallClock(date, QTime(hour, minute, second));
    }
    return std::nullopt;
}

std::optional<QDateTime> CronExpression::nextAfter(const QDateTime& after, const QTimeZone& zone) const
{
    const QDateTime afterUtc = after.toUTC();
    const QDateTime inZone = afterUtc.toTimeZone(zone);
    QDateTime cursor =
        wallClock(inZone.date(), QTime(inZone.time().hour(), inZone.time().minute(), inZone.time().second()));
    const int lastYear = cursor.date().year() + 10;
    while (true) {
        const auto wall = nextLocalAfter(cursor, lastYear);
        if (!wall)
            return std::nullopt;
        for (const QDateTime& instant : instantsOf(*wall, zone)) {
            if (instant > afterUtc)
                return instant;
        }
        cursor = *wall;
    }
}

} // namespace taskdeck
