#include "store/ScheduleBook.h"

#include "common/TextRules.h"
#include "common/Translate.h"
#include "schedule/CronExpression.h"
#include "store/Statement.h"
#include "store/StoreSession.h"
#include "store/StoreSupport.h"
#include "store/TaskStore.h"
#include "store/TaskWriter.h"
#include "store/WriteScope.h"

#include <algorithm>

namespace taskdeck {

namespace {

Status validateDefinition(const ScheduleDefinition& definition)
{
    if (auto s = validateName(tr("schedule name"), definition.name, TextLimits::kScheduleName); !s)
        return s;
    if (auto s = validateName(tr("handler"), definition.handler, TextLimits::kHandlerName); !s)
        return s;
    if (auto s = validateName(tr("queue"), definition.queue, TextLimits::kQueueName); !s)
        return s;
    if (definition.cron.size() > TextLimits::kCronExpression)
        return makeError(ErrorCode::InvalidArgument,
                         tr("the cron expression is longer than %1 characters").arg(TextLimits::kCronExpression));
    if (definition.maxAttempts && (*definition.maxAttempts < 1 || *definition.maxAttempts > 1000))
        return makeError(ErrorCode::InvalidArgument, tr("max attempts must be between 1 and 1000"));
    if (definition.priority < -1'000'000 || definition.priority > 1'000'000)
        return makeError(ErrorCode::InvalidArgument, tr("the priority must be between -1000000 and 1000000"));
    return {};
}

// The task an occurrence (or a "run now") of a schedule becomes.
EnqueueRequest taskOf(const ScheduleDefinition& d)
{
    EnqueueRequest request;
    request.handler = d.handler;
    request.payload = d.payload;
    request.queue = d.queue;
    request.priority = d.priority;
    request.maxAttempts = d.maxAttempts;
    return request;
}

QString describeDefinition(const ScheduleDefinition& d)
{
    return QStringLiteral("%1: '%2' in %3 → %4 on queue %5, missed: %6")
        .arg(d.name, d.cron, d.timeZone, d.handler, d.queue, missedPolicyName(d.missed));
}

} // namespace

Result<QDateTime> checkSchedule(ScheduleDefinition& definition, const QDateTime& now)
{
    if (auto s = validateDefinition(definition); !s)
        return s.error();
    auto cron = CronExpression::parse(definition.cron);
    if (!cron)
        return cron.error();
    if (definition.timeZone.isEmpty())
        definition.timeZone = QStringLiteral("UTC");
    auto zone = CronExpression::zone(definition.timeZone);
    if (!zone)
        return zone.error();
    auto payload = normalizePayload(definition.payload);
    if (!payload)
        return payload.error();
    const auto first = cron->nextAfter(now, *zone);
    if (!first)
        return makeError(
            ErrorCode::InvalidArgument,
            tr("'%1' never fires in the next ten years: check the day and month fields").arg(definition.cron));
    definition.cron = cron->text();
    definition.payload = *payload;
    return *first;
}

QString missedPolicyName(MissedPolicy policy)
{
    return policy == MissedPolicy::Skip ? QStringLiteral("skip") : QStringLiteral("once");
}

std::optional<MissedPolicy> missedPolicyFromName(const QString& name)
{
    if (name == QLatin1String("skip"))
        return MissedPolicy::Skip;
    if (name == QLatin1String("once"))
        return MissedPolicy::Once;
    return std::nullopt;
}

ScheduleBook::ScheduleBook(StoreSession& session, TaskWriter& taskWriter)
    : m_session(session)
    , m_writer(taskWriter)
{ }

Schedule ScheduleBook::readSchedule(const Statement& row) const
{
    Schedule schedule;
    ScheduleDefinition& d = schedule.definition;
    d.name = row.text(ScheduleColumn::Name);
    d.cron = row.text(ScheduleColumn::Cron);
    d.timeZone = row.text(ScheduleColumn::TimeZone);
    d.queue = row.text(ScheduleColumn::Queue);
    d.handler = row.text(ScheduleColumn::Handler);
    d.payload = row.text(ScheduleColumn::Payload);
    d.priority = row.number(ScheduleColumn::Priority);
    d.maxAttempts = row.optionalNumber(ScheduleColumn::MaxAttempts);
    d.missed = missedPolicyFromName(row.text(ScheduleColumn::Missed)).value_or(MissedPolicy::Once);
    d.enabled = row.flag(ScheduleColumn::Enabled);
    schedule.nextRunAt = row.time(ScheduleColumn::NextRunAt);
    schedule.lastRunAt = row.time(ScheduleColumn::LastRunAt);
    schedule.lastTaskId = row.integer(ScheduleColumn::LastTaskId);
    schedule.revision = row.integer(ScheduleColumn::Revision);
    schedule.createdAt = row.time(ScheduleColumn::CreatedAt);
    schedule.updatedAt = row.time(ScheduleColumn::UpdatedAt);
    return schedule;
}

Result<QList<Schedule>> ScheduleBook::readSchedules(Sql statement, const QString& name, int limit)
{
    Statement select(m_session, statement);
    if (statement == Sql::SelectSchedule)
        select.bindText(QStringLiteral(":name"), name);
    if (statement == Sql::SelectDueSchedules)
        select.bind(QStringLiteral(":limit"), limit);
    if (auto s = select.run(tr("read the schedules")); !s)
        return s.error();
    QList<Schedule> schedules;
    while (select.next())
        schedules << readSchedule(select);
    select.finish();
    return schedules;
}

Result<QList<Schedule>> ScheduleBook::schedules()
{
    return readSchedules(Sql::SelectSchedules, {}, 0);
}

Result<std::optional<Schedule>> ScheduleBook::schedule(const QString& name)
{
    auto found = readSchedules(Sql::SelectSchedule, name, 0);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<Schedule>();
    return std::optional<Schedule>(found->first());
}

Result<Schedule> ScheduleBook::addSchedule(const ScheduleDefinition& requested)
{
    auto now = m_session.databaseTime();
    if (!now)
        return now.error();
    ScheduleDefinition definition = requested;
    const auto next = checkSchedule(definition, *now);
    if (!next)
        return next.error();

    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s.error();
    auto existing = schedule(definition.name);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return makeError(
            ErrorCode::InvalidArgument,
            tr("a schedule named '%1' exists already: remove it first, or pick another name").arg(definition.name));
    Statement insert(m_session, Sql::InsertSchedule);
    insert.bindText(QStringLiteral(":name"), definition.name);
    insert.bindText(QStringLiteral(":cron"), definition.cron);
    insert.bindText(QStringLiteral(":time_zone"), definition.timeZone);
    insert.bindText(QStringLiteral(":queue"), definition.queue);
    insert.bindText(QStringLiteral(":handler"), definition.handler);
    insert.bindText(QStringLiteral(":payload"), definition.payload);
    insert.bind(QStringLiteral(":priority"), definition.priority);
    insert.bind(QStringLiteral(":max_attempts"), intOrNull(definition.maxAttempts));
    insert.bindText(QStringLiteral(":missed"), missedPolicyName(definition.missed));
    insert.bind(QStringLiteral(":enabled"), definition.enabled ? 1 : 0);
    insert.bind(QStringLiteral(":next_run_at"),
                m_session.dialect().values().timeValue(definition.enabled ? *next : QDateTime()));
    if (auto s = insert.run(tr("add schedule '%1'").arg(definition.name)); !s)
        return s.error();
    if (auto s = m_session.insertOperatorAction(QStringLiteral("schedule add"), 0, describeDefinition(definition)); !s)
        return s.error();
    auto added = schedule(definition.name);
    if (!added)
        return added.error();
    if (auto s = scope.commit(); !s)
        return s.error();
    if (!added->has_value())
        return makeError(ErrorCode::Database, tr("schedule '%1' was not found after adding it").arg(definition.name));
    return **added;
}

Status ScheduleBook::setScheduleEnabled(const QString& name, bool enabled)
{
    auto found = schedule(name);
    if (!found)
        return found.error();
    if (!found->has_value())
        return makeError(ErrorCode::NotFound, tr("there is no schedule named '%1' (see `schedule list`)").arg(name));
    QDateTime next;
    if (enabled) {
        auto cron = CronExpression::parse((*found)->definition.cron);
        if (!cron)
            return cron.error();
        auto zone = CronExpression::zone((*found)->definition.timeZone);
        if (!zone)
            return zone.error();
        auto now = m_session.databaseTime();
        if (!now)
            return now.error();
        next = cron->nextAfter(*now, *zone).value_or(QDateTime());
    }
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    Statement update(m_session, Sql::UpdateScheduleEnabled);
    update.bindText(QStringLiteral(":name"), name);
    update.bind(QStringLiteral(":enabled"), enabled ? 1 : 0);
    update.bind(QStringLiteral(":next_run_at"), m_session.dialect().values().timeValue(next));
    if (auto s = update.run(enabled ? tr("enable schedule '%1'").arg(name) : tr("disable schedule '%1'").arg(name)); !s)
        return s;
    if (update.rowsAffected() != 1)
        return makeError(ErrorCode::NotFound, tr("schedule '%1' was removed meanwhile").arg(name));
    if (auto s = m_session.insertOperatorAction(
            enabled ? QStringLiteral("schedule enable") : QStringLiteral("schedule disable"), 0, name);
        !s)
        return s;
    return scope.commit();
}

Status ScheduleBook::removeSchedule(const QString& name)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    Statement remove(m_session, Sql::DeleteSchedule);
    remove.bindText(QStringLiteral(":name"), name);
    if (auto s = remove.run(tr("remove schedule '%1'").arg(name)); !s)
        return s;
    if (remove.rowsAffected() != 1)
        return makeError(ErrorCode::NotFound, tr("there is no schedule named '%1' (see `schedule list`)").arg(name));
    if (auto s = m_session.insertOperatorAction(QStringLiteral("schedule remove"), 0, name); !s)
        return s;
    return scope.commit();
}

Result<EnqueueResult> ScheduleBook::runScheduleNow(const QString& name)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s.error();
    auto found = schedule(name);
    if (!found)
        return found.error();
    if (!found->has_value())
        return makeError(ErrorCode::NotFound, tr("there is no schedule named '%1' (see `schedule list`)").arg(name));
    auto enqueued = m_writer.enqueue(taskOf((*found)->definition));
    if (!enqueued)
        return enqueued.error();
    Statement last(m_session, Sql::SetScheduleLastTask);
    last.bindText(QStringLiteral(":name"), name);
    last.bind(QStringLiteral(":task_id"), static_cast<qlonglong>(enqueued->id));
    if (auto s = last.run(tr("record the task of schedule '%1'").arg(name)); !s)
        return s.error();
    if (auto s = m_session.insertOperatorAction(QStringLiteral("schedule run-now"), 1,
                                                tr("%1: task %2").arg(name).arg(enqueued->id));
        !s)
        return s.error();
    if (auto s = scope.commit(); !s)
        return s.error();
    return *enqueued;
}

Result<ScheduleReport> ScheduleBook::fireDueSchedules(int limit)
{
    ScheduleReport report;
    auto now = m_session.databaseTime();
    if (!now)
        return now.error();
    auto due = readSchedules(Sql::SelectDueSchedules, {}, limit);
    if (!due)
        return due.error();
    for (const Schedule& schedule : std::as_const(*due)) {
        const ScheduleDefinition& d = schedule.definition;
        auto cron = CronExpression::parse(d.cron);
        auto zone = CronExpression::zone(d.timeZone);
        // A schedule whose expression or zone this machine cannot read (a zone missing from its tzdata) stays as
        // it is for a worker that can; it is reported rather than silently advanced.
        if (!cron || !zone) {
            report.unreadable
                << tr("schedule '%1': %2").arg(d.name, !cron ? cron.error().message : zone.error().message);
            continue;
        }
        // After the occurrence being fired even when the clock was read just before it (the due schedules are read
        // a moment later): the next pass would otherwise find this very occurrence due again.
        const QDateTime after = std::max(*now, schedule.nextRunAt);
        const QDateTime next = cron->nextAfter(after, *zone).value_or(QDateTime());
        const bool onTime = schedule.nextRunAt.msecsTo(*now) <= TaskStore::kOnTimeMs;
        const bool enqueue = onTime || d.missed == MissedPolicy::Once;

        WriteScope scope(m_session);
        if (auto s = scope.begin(); !s)
            return s.error();
        Statement advance(m_session, Sql::AdvanceSchedule);
        advance.bindText(QStringLiteral(":name"), d.name);
        advance.bind(QStringLiteral(":revision"), static_cast<qlonglong>(schedule.revision));
        advance.bind(QStringLiteral(":next_run_at"), m_session.dialect().values().timeValue(next));
        advance.bind(QStringLiteral(":fired"), enqueue ? 1 : 0);
        if (auto s = advance.run(tr("advance schedule '%1'").arg(d.name)); !s)
            return s.error();
        if (advance.rowsAffected() != 1) {
            ++report.lostRaces; // another worker fired this occurrence, or an operator changed the schedule
            continue; // the scope rolls back
        }
        ScheduleFiring firing{d.name, schedule.nextRunAt, 0};
        if (enqueue) {
            EnqueueRequest request = taskOf(d);
            // On time: due at its occurrence. Late: now, so that it does not jump ahead of tasks waiting since.
            request.runAt = onTime ? schedule.nextRunAt : *now;
            auto enqueued = m_writer.enqueue(request);
            if (!enqueued)
                return enqueued.error();
            firing.taskId = enqueued->id;
            Statement last(m_session, Sql::SetScheduleLastTask);
            last.bindText(QStringLiteral(":name"), d.name);
            last.bind(QStringLiteral(":task_id"), static_cast<qlonglong>(enqueued->id));
            if (auto s = last.run(tr("record the task of schedule '%1'").arg(d.name)); !s)
                return s.error();
        }
        if (auto s = scope.commit(); !s)
            return s.error();
        report.fired << firing;
    }

    Statement nextRun(m_session, Sql::SelectNextScheduleRun);
    if (auto s = nextRun.run(tr("read the next schedule time")); !s)
        return s.error();
    if (nextRun.next())
        report.nextDue = nextRun.time(0);
    nextRun.finish();
    report.checkedAt = *now;
    // More may be due only if this pass used its whole limit on schedules it could act on (unreadable ones stay).
    report.moreDue = report.fired.size() + report.lostRaces >= limit;
    return report;
}

} // namespace taskdeck
