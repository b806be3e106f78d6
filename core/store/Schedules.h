#pragma once

#include "common/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace taskdeck {

// What to do with occurrences that passed while no worker was running.
enum class MissedPolicy {
    Skip, // drop them; the schedule resumes at its next occurrence
    Once, // run one task now for all of them (never a burst), then resume
};

QString missedPolicyName(MissedPolicy policy);
std::optional<MissedPolicy> missedPolicyFromName(const QString& name);

// A recurring schedule as an operator defines it.
struct ScheduleDefinition
{
    QString name;
    QString cron; // see CronExpression
    QString timeZone = QStringLiteral("UTC"); // IANA id
    QString handler;
    QString payload; // JSON; empty means {}
    QString queue = QStringLiteral("default");
    int priority = 0;
    std::optional<int> maxAttempts;
    MissedPolicy missed = MissedPolicy::Once;
    bool enabled = true;
};

// Checks a definition as the store will (names, cron, zone, payload) and puts it in the form it is stored in (cron
// text simplified, payload normalised, zone UTC when empty). Returns its first occurrence after now, or why not.
// The CLI and the console's dialog check with the local clock before anything is sent; the store with the database's.
Result<QDateTime> checkSchedule(ScheduleDefinition& definition, const QDateTime& now);

struct Schedule
{
    ScheduleDefinition definition;
    QDateTime nextRunAt; // invalid: disabled, or the expression never fires again
    QDateTime lastRunAt;
    qint64 lastTaskId = 0;
    qint64 revision = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
};

// What one pass over the due schedules did.
struct ScheduleFiring
{
    QString schedule;
    QDateTime occurrence; // the occurrence that was due
    qint64 taskId = 0; // 0: skipped (missed, policy skip)
};

struct ScheduleReport
{
    QList<ScheduleFiring> fired; // enqueued or skipped by this caller
    int lostRaces = 0; // due schedules another worker advanced first
    QDateTime nextDue; // the earliest next occurrence of any enabled schedule (invalid: none)
    QDateTime checkedAt; // the database time of this pass (nextDue is in the same clock)
    bool moreDue = false; // the pass stopped at its limit: call again
    QStringList unreadable; // schedules left alone because this machine cannot read their expression or zone
};

struct Subscription
{
    QString event;
    QString handler;
    QString queue = QStringLiteral("default");
    int priority = 0;
    QDateTime createdAt;
};

// How long finished work is kept. Failed and cancelled tasks are never removed by retention: an operator decides.
struct RetentionSettings
{
    static constexpr qint64 kDay = 86'400'000;
    qint64 succeededMs = 7 * kDay; // 0: removed at completion, as the seed design does
    qint64 runsMs = 30 * kDay; // the attempt log
    qint64 minuteStatsMs = 7 * kDay; // then rolled up to hours
    qint64 hourStatsMs = 400 * kDay;
};

struct PruneReport
{
    bool tookTurn = false; // false: another worker holds the maintenance lease
    qint64 tasksRemoved = 0;
    qint64 runsRemoved = 0;
    int hoursRolledUp = 0;
    qint64 statsRowsRemoved = 0;
    qint64 countRowsFolded = 0; // rows the task-count triggers appended, folded into one per queue and state
    bool moreLeft = false; // stopped at the batch budget; the next pass continues
};

// One row of the audit log.
struct OperatorAction
{
    qint64 id = 0;
    QDateTime at;
    QString actor; // OS user@host of the program
    QString databaseUser;
    QString action;
    qint64 taskCount = 0;
    QString detail; // which ids or which filter, and how it ended
};

// What `status` can say about an id.
enum class TaskFate {
    Exists, // the task row is there
    SucceededAndRemoved, // no row, but its runs show it succeeded (removed by retention)
    RemovedAfterRuns, // no row; it ran (see the runs) and was deleted
    NeverExisted, // no row and no run (or successful runs are not recorded)
};

inline bool operator==(const ScheduleDefinition& a, const ScheduleDefinition& b)
{
    return a.name == b.name && a.cron == b.cron && a.timeZone == b.timeZone && a.handler == b.handler &&
        a.payload == b.payload && a.queue == b.queue && a.priority == b.priority && a.maxAttempts == b.maxAttempts &&
        a.missed == b.missed && a.enabled == b.enabled;
}

inline bool operator==(const Schedule& a, const Schedule& b)
{
    return a.definition == b.definition && a.nextRunAt == b.nextRunAt && a.lastRunAt == b.lastRunAt &&
        a.lastTaskId == b.lastTaskId && a.revision == b.revision;
}

inline bool operator==(const Subscription& a, const Subscription& b)
{
    return a.event == b.event && a.handler == b.handler && a.queue == b.queue && a.priority == b.priority;
}

inline bool operator==(const OperatorAction& a, const OperatorAction& b)
{
    return a.id == b.id; // entries never change
}

} // namespace taskdeck
