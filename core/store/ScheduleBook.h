#pragma once

#include "store/StoreTypes.h"

#include <QCoreApplication>

namespace taskdeck {

class Statement;
class StoreSession;
class TaskWriter;

// Recurring schedules: definitions, and firing due occurrences exactly once across the fleet.
// A unit of TaskStore (the facade that callers use); it runs its statements through the store's StoreSession.
class ScheduleBook
{
    // One translation context for the whole store, whichever unit says it.
    Q_DECLARE_TR_FUNCTIONS(taskdeck::TaskStore)
public:
    explicit ScheduleBook(StoreSession& session, TaskWriter& taskWriter);

    Result<QList<Schedule>> schedules();
    Result<std::optional<Schedule>> schedule(const QString& name);
    // Recurring schedules (see CronExpression). Changes are recorded in the audit log.
    Result<Schedule> addSchedule(const ScheduleDefinition& definition);
    // Enabling starts from the next occurrence after now: occurrences while disabled are not made up.
    Status setScheduleEnabled(const QString& name, bool enabled);
    Status removeSchedule(const QString& name);
    // One task now, outside the schedule's rhythm (its next occurrence stays as it is).
    Result<EnqueueResult> runScheduleNow(const QString& name);
    Result<ScheduleReport> fireDueSchedules(int limit = 100);

private:
    Schedule readSchedule(const Statement& row) const;
    Result<QList<Schedule>> readSchedules(Sql statement, const QString& name, int limit);

    StoreSession& m_session;
    TaskWriter& m_writer;
};

} // namespace taskdeck
