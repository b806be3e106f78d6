#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QTimeZone>

#include <bitset>
#include <optional>

namespace taskdeck {

// A cron expression read in a named time zone.
//
// Syntax: five fields (minute hour day-of-month month day-of-week) or six with seconds first; `*`, lists, ranges,
// steps (`*/15`, `1-30/5`), month and weekday names (JAN, MON), 7 as Sunday; and the macros @yearly (@annually),
// @monthly, @weekly, @daily (@midnight), @hourly. As in Vixie cron, when both day fields are restricted a day
// matches either of them.
//
// Daylight-saving time, as people expect it: a local time skipped by a spring-forward change fires once, at the
// moment of the change; a local time that occurs twice in an autumn change fires once, at its first occurrence.
class CronExpression
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::CronExpression)
public:
    static Result<CronExpression> parse(const QString& text);

    // The first occurrence strictly after `after`, as a UTC instant; nullopt when none comes within the next ten
    // years (e.g. 30 February).
    std::optional<QDateTime> nextAfter(const QDateTime& after, const QTimeZone& zone) const;

    QString text() const { return m_text; }
    bool hasSeconds() const { return m_hasSeconds; }

    // A zone by IANA id ("Europe/Berlin", "UTC"), or an error naming it.
    static Result<QTimeZone> zone(const QString& ianaId);
    // An instant as a schedule's zone shows it ("2026-11-22 02:30:00 CST"), which is how its cron was written; empty
    // for none, ISO UTC when the zone is unknown here.
    static QString formatInZone(const QDateTime& utc, const QString& ianaId);

private:
    // The next local wall-clock time strictly after `local` that matches, within the search horizon.
    std::optional<QDateTime> nextLocalAfter(const QDateTime& local, int lastYear) const;
    bool dayMatches(const QDate& date) const;

    QString m_text;
    bool m_hasSeconds = false;
    std::bitset<60> m_seconds;
    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_daysOfMonth; // 1..31
    std::bitset<13> m_months; // 1..12
    std::bitset<7> m_daysOfWeek; // 0 = Sunday
    bool m_dayOfMonthRestricted = false;
    bool m_dayOfWeekRestricted = false;
};

} // namespace taskdeck
