#include "store/ScheduleBook.h"

#include "common/TextRules.h"
#include "common/Translate.h"
#include "schedule/CronExpression.h"
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

Schedule ScheduleBook::readSchedule(const QSqlQuery& q) const
{
    Schedule schedule;
    ScheduleDefinition& d = schedule.definition;
    d.name = m_session.dialect().readText(q.value(0));
    d.cron = m_session.dialect().readText(q.value(1));
    d.timeZone = m_session.dialect().readText(q.value(2));
    d.queue = m_session.dialect().readText(q.value(3));
    d.handler = m_session.dialect().readText(q.value(4));
    d.payload = m_session.dialect().readText(q.value(5));
    d.priority = q.value(6).toInt();
    if (!q.value(7).isNull())
        d.maxAttempts = q.value(7).toInt();
    d.missed = missedPolicyFromName(m_session.dialect().readText(q.value(8))).value_or(MissedPolicy::Once);
    d.enabled = m_session.dialect().readBool(q.value(9));
    schedule.nextRunAt = m_session.dialect().readTime(q.value(10));
    schedule.lastRunAt = m_session.dialect().readTime(q.value(11));
    schedule.lastTaskId = q.value(12).toLongLong();
    schedule.revision = q.value(13).toLongLong();
    schedule.createdAt = m_session.dialect().readTime(q.value(14));
    schedule.updatedAt = m_session.dialect().readTime(q.value(15));
    return schedule;
}

Result<QList<Schedule>> ScheduleBook::readSchedules(Sql statement, const QString& name, int limit)
{
    auto select = m_session.prepare(statement);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (statement == Sql::SelectSchedule)
        q.bindValue(QStringLiteral(":name"), m_session.dialect().textValue(name));
    if (statement == Sql::SelectDueSchedules)
        q.bindValue(QStringLiteral(":limit"), limit);
    if (auto s = m_session.exec(q, tr("read the schedules")); !s)
        return s.error();
    QList<Schedule> schedules;
    while (q.next())
        schedules << readSchedule(q);
    q.finish();
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
    auto insert = m_session.prepare(Sql::InsertSchedule);
    if (!insert)
        return insert.error();
    QSqlQuery& q = **insert;
    q.bindValue(QStringLiteral(":name"), m_session.dialect().textValue(definition.name));
    q.bindValue(QStringLiteral(":cron"), m_session.dialect().textValue(definition.cron));
    q.bindValue(QStringLiteral(":time_zone"), m_session.dialect().textValue(definition.timeZone));
    q.bindValue(QStringLiteral(":queue"), m_session.dialect().textValue(definition.queue));
    q.bindValue(QStringLiteral(":handler"), m_session.dialect().textValue(definition.handler));
    q.bindValue(QStringLiteral(":payload"), m_session.dialect().textValue(definition.payload));
    q.bindValue(QStringLiteral(":priority"), definition.priority);
    q.bindValue(QStringLiteral(":max_attempts"), intOrNull(definition.maxAttempts));
    q.bindValue(QStringLiteral(":missed"), m_session.dialect().textValue(missedPolicyName(definition.missed)));
    q.bindValue(QStringLiteral(":enabled"), definition.enabled ? 1 : 0);
    q.bindValue(QStringLiteral(":next_run_at"), m_session.timeOrNull(definition.enabled ? *next : QDateTime()));
    if (auto s = m_session.exec(q, tr("add schedule '%1'").arg(definition.name)); !s)
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
    auto update = m_session.prepare(Sql::UpdateScheduleEnabled);
    if (!update)
        return update.error();
    (*update)->bindValue(QStringLiteral(":name"), m_session.dialect().textValue(name));
    (*update)->bindValue(QStringLiteral(":enabled"), enabled ? 1 : 0);
    (*update)->bindValue(QStringLiteral(":next_run_at"), m_session.timeOrNull(next));
    if (auto s = m_session.exec(**update,
                                enabled ? tr("enable schedule '%1'").arg(name) : tr("disable schedule '%1'").arg(name));
        !s)
        return s;
    if ((*update)->numRowsAffected() != 1)
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
    auto remove = m_session.prepare(Sql::DeleteSchedule);
    if (!remove)
        return remove.error();
    (*remove)->bindValue(QStringLiteral(":name"), m_session.dialect().textValue(name));
    if (auto s = m_session.exec(**remove, tr("remove schedule '%1'").arg(name)); !s)
        return s;
    if ((*remove)->numRowsAffected() != 1)
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
    auto last = m_session.prepare(Sql::SetScheduleLastTask);
    if (!last)
        return last.error();
    (*last)->bindValue(QStringLiteral(":name"), m_session.dialect().textValue(name));
    (*last)->bindValue(QStringLiteral(":task_id"), static_cast<qlonglong>(enqueued->id));
    if (auto s = m_session.exec(**last, tr("record the task of schedule '%1'").arg(name)); !s)
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
        auto advance = m_session.prepare(Sql::AdvanceSchedule);
        if (!advance)
            return advance.error();
        QSqlQuery& q = **advance;
        q.bindValue(QStringLiteral(":name"), m_session.dialect().textValue(d.name));
        q.bindValue(QStringLiteral(":revision"), static_cast<qlonglong>(schedule.revision));
        q.bindValue(QStringLiteral(":next_run_at"), m_session.timeOrNull(next));
        q.bindValue(QStringLiteral(":fired"), enqueue ? 1 : 0);
        if (auto s = m_session.exec(q, tr("advance schedule '%1'").arg(d.name)); !s)
            return s.error();
        if (q.numRowsAffected() != 1) {
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
            auto last = m_session.prepare(Sql::SetScheduleLastTask);
            if (!last)
                return last.error();
            (*last)->bindValue(QStringLiteral(":name"), m_session.dialect().textValue(d.name));
            (*last)->bindValue(QStringLiteral(":task_id"), static_cast<qlonglong>(enqueued->id));
            if (auto s = m_session.exec(**last, tr("record the task of schedule '%1'").arg(d.name)); !s)
                return s.error();
        }
        if (auto s = scope.commit(); !s)
            return s.error();
        report.fired << firing;
    }

    auto nextRun = m_session.prepare(Sql::SelectNextScheduleRun);
    if (!nextRun)
        return nextRun.error();
    if (auto s = m_session.exec(**nextRun, tr("read the next schedule time")); !s)
        return s.error();
    if ((*nextRun)->next())
        report.nextDue = m_session.dialect().readTime((*nextRun)->value(0));
    (*nextRun)->finish();
    report.checkedAt = *now;
    // More may be due only if this pass used its whole limit on schedules it could act on (unreadable ones stay).
    report.moreDue = report.fired.size() + report.lostRaces >= limit;
    return report;
}

} // namespace taskdeck
