// The store's recurring schedules, event fan-out, retention and audit log.

#include "common/Duration.h"
#include "common/TextRules.h"
#include "common/Translate.h"
#include "db/SqlThreadGuard.h"
#include "schedule/CronExpression.h"
#include "store/TaskStore.h"
#include "store/WriteScope.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>

#include <algorithm>
#include <map>

namespace taskdeck {

namespace {

const QString kPruneLease = QStringLiteral("prune");
constexpr qint64 kMaintenanceLeaseMs = 120'000;
constexpr qint64 kRetentionCacheMs = 5'000;

QVariant intOrNull(const std::optional<int>& value)
{
    return value ? QVariant(static_cast<qlonglong>(*value)) : QVariant(QMetaType::fromType<qlonglong>());
}

const QString kSucceededSetting = QStringLiteral("retention.succeeded_ms");
const QString kRunsSetting = QStringLiteral("retention.runs_ms");
const QString kMinuteStatsSetting = QStringLiteral("retention.minute_stats_ms");
const QString kHourStatsSetting = QStringLiteral("retention.hour_stats_ms");

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

// ---------------------------------------------------------------------------------------------------------------
// Schedules

Schedule TaskStore::readSchedule(const QSqlQuery& q) const
{
    Schedule schedule;
    ScheduleDefinition& d = schedule.definition;
    d.name = dialect().readText(q.value(0));
    d.cron = dialect().readText(q.value(1));
    d.timeZone = dialect().readText(q.value(2));
    d.queue = dialect().readText(q.value(3));
    d.handler = dialect().readText(q.value(4));
    d.payload = dialect().readText(q.value(5));
    d.priority = q.value(6).toInt();
    if (!q.value(7).isNull())
        d.maxAttempts = q.value(7).toInt();
    d.missed = missedPolicyFromName(dialect().readText(q.value(8))).value_or(MissedPolicy::Once);
    d.enabled = dialect().readBool(q.value(9));
    schedule.nextRunAt = dialect().readTime(q.value(10));
    schedule.lastRunAt = dialect().readTime(q.value(11));
    schedule.lastTaskId = q.value(12).toLongLong();
    schedule.revision = q.value(13).toLongLong();
    schedule.createdAt = dialect().readTime(q.value(14));
    schedule.updatedAt = dialect().readTime(q.value(15));
    return schedule;
}

Result<QList<Schedule>> TaskStore::readSchedules(Sql statement, const QString& name, int limit)
{
    auto select = prepare(statement);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (statement == Sql::SelectSchedule)
        q.bindValue(QStringLiteral(":name"), dialect().textValue(name));
    if (statement == Sql::SelectDueSchedules)
        q.bindValue(QStringLiteral(":limit"), limit);
    if (auto s = exec(q, tr("read the schedules")); !s)
        return s.error();
    QList<Schedule> schedules;
    while (q.next())
        schedules << readSchedule(q);
    q.finish();
    return schedules;
}

Result<QList<Schedule>> TaskStore::schedules()
{
    return readSchedules(Sql::SelectSchedules, {}, 0);
}

Result<std::optional<Schedule>> TaskStore::schedule(const QString& name)
{
    auto found = readSchedules(Sql::SelectSchedule, name, 0);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<Schedule>();
    return std::optional<Schedule>(found->first());
}

Result<Schedule> TaskStore::addSchedule(const ScheduleDefinition& requested)
{
    auto now = databaseTime();
    if (!now)
        return now.error();
    ScheduleDefinition definition = requested;
    const auto next = checkSchedule(definition, *now);
    if (!next)
        return next.error();

    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s.error();
    auto existing = schedule(definition.name);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return makeError(
            ErrorCode::InvalidArgument,
            tr("a schedule named '%1' exists already: remove it first, or pick another name").arg(definition.name));
    auto insert = prepare(Sql::InsertSchedule);
    if (!insert)
        return insert.error();
    QSqlQuery& q = **insert;
    q.bindValue(QStringLiteral(":name"), dialect().textValue(definition.name));
    q.bindValue(QStringLiteral(":cron"), dialect().textValue(definition.cron));
    q.bindValue(QStringLiteral(":time_zone"), dialect().textValue(definition.timeZone));
    q.bindValue(QStringLiteral(":queue"), dialect().textValue(definition.queue));
    q.bindValue(QStringLiteral(":handler"), dialect().textValue(definition.handler));
    q.bindValue(QStringLiteral(":payload"), dialect().textValue(definition.payload));
    q.bindValue(QStringLiteral(":priority"), definition.priority);
    q.bindValue(QStringLiteral(":max_attempts"), intOrNull(definition.maxAttempts));
    q.bindValue(QStringLiteral(":missed"), dialect().textValue(missedPolicyName(definition.missed)));
    q.bindValue(QStringLiteral(":enabled"), definition.enabled ? 1 : 0);
    q.bindValue(QStringLiteral(":next_run_at"), timeOrNull(definition.enabled ? *next : QDateTime()));
    if (auto s = exec(q, tr("add schedule '%1'").arg(definition.name)); !s)
        return s.error();
    if (auto s = insertOperatorAction(QStringLiteral("schedule add"), 0, describeDefinition(definition)); !s)
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

Status TaskStore::setScheduleEnabled(const QString& name, bool enabled)
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
        auto now = databaseTime();
        if (!now)
            return now.error();
        next = cron->nextAfter(*now, *zone).value_or(QDateTime());
    }
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    auto update = prepare(Sql::UpdateScheduleEnabled);
    if (!update)
        return update.error();
    (*update)->bindValue(QStringLiteral(":name"), dialect().textValue(name));
    (*update)->bindValue(QStringLiteral(":enabled"), enabled ? 1 : 0);
    (*update)->bindValue(QStringLiteral(":next_run_at"), timeOrNull(next));
    if (auto s = exec(**update, enabled ? tr("enable schedule '%1'").arg(name) : tr("disable schedule '%1'").arg(name));
        !s)
        return s;
    if ((*update)->numRowsAffected() != 1)
        return makeError(ErrorCode::NotFound, tr("schedule '%1' was removed meanwhile").arg(name));
    if (auto s = insertOperatorAction(enabled ? QStringLiteral("schedule enable") : QStringLiteral("schedule disable"),
                                      0, name);
        !s)
        return s;
    return scope.commit();
}

Status TaskStore::removeSchedule(const QString& name)
{
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    auto remove = prepare(Sql::DeleteSchedule);
    if (!remove)
        return remove.error();
    (*remove)->bindValue(QStringLiteral(":name"), dialect().textValue(name));
    if (auto s = exec(**remove, tr("remove schedule '%1'").arg(name)); !s)
        return s;
    if ((*remove)->numRowsAffected() != 1)
        return makeError(ErrorCode::NotFound, tr("there is no schedule named '%1' (see `schedule list`)").arg(name));
    if (auto s = insertOperatorAction(QStringLiteral("schedule remove"), 0, name); !s)
        return s;
    return scope.commit();
}

Result<EnqueueResult> TaskStore::runScheduleNow(const QString& name)
{
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s.error();
    auto found = schedule(name);
    if (!found)
        return found.error();
    if (!found->has_value())
        return makeError(ErrorCode::NotFound, tr("there is no schedule named '%1' (see `schedule list`)").arg(name));
    auto enqueued = enqueue(taskOf((*found)->definition));
    if (!enqueued)
        return enqueued.error();
    auto last = prepare(Sql::SetScheduleLastTask);
    if (!last)
        return last.error();
    (*last)->bindValue(QStringLiteral(":name"), dialect().textValue(name));
    (*last)->bindValue(QStringLiteral(":task_id"), static_cast<qlonglong>(enqueued->id));
    if (auto s = exec(**last, tr("record the task of schedule '%1'").arg(name)); !s)
        return s.error();
    if (auto s =
            insertOperatorAction(QStringLiteral("schedule run-now"), 1, tr("%1: task %2").arg(name).arg(enqueued->id));
        !s)
        return s.error();
    if (auto s = scope.commit(); !s)
        return s.error();
    return *enqueued;
}

Result<ScheduleReport> TaskStore::fireDueSchedules(int limit)
{
    ScheduleReport report;
    auto now = databaseTime();
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
        const bool onTime = schedule.nextRunAt.msecsTo(*now) <= kOnTimeMs;
        const bool enqueue = onTime || d.missed == MissedPolicy::Once;

        WriteScope scope(*this);
        if (auto s = scope.begin(); !s)
            return s.error();
        auto advance = prepare(Sql::AdvanceSchedule);
        if (!advance)
            return advance.error();
        QSqlQuery& q = **advance;
        q.bindValue(QStringLiteral(":name"), dialect().textValue(d.name));
        q.bindValue(QStringLiteral(":revision"), static_cast<qlonglong>(schedule.revision));
        q.bindValue(QStringLiteral(":next_run_at"), timeOrNull(next));
        q.bindValue(QStringLiteral(":fired"), enqueue ? 1 : 0);
        if (auto s = exec(q, tr("advance schedule '%1'").arg(d.name)); !s)
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
            auto enqueued = this->enqueue(request);
            if (!enqueued)
                return enqueued.error();
            firing.taskId = enqueued->id;
            auto last = prepare(Sql::SetScheduleLastTask);
            if (!last)
                return last.error();
            (*last)->bindValue(QStringLiteral(":name"), dialect().textValue(d.name));
            (*last)->bindValue(QStringLiteral(":task_id"), static_cast<qlonglong>(enqueued->id));
            if (auto s = exec(**last, tr("record the task of schedule '%1'").arg(d.name)); !s)
                return s.error();
        }
        if (auto s = scope.commit(); !s)
            return s.error();
        report.fired << firing;
    }

    auto nextRun = prepare(Sql::SelectNextScheduleRun);
    if (!nextRun)
        return nextRun.error();
    if (auto s = exec(**nextRun, tr("read the next schedule time")); !s)
        return s.error();
    if ((*nextRun)->next())
        report.nextDue = dialect().readTime((*nextRun)->value(0));
    (*nextRun)->finish();
    report.checkedAt = *now;
    // More may be due only if this pass used its whole limit on schedules it could act on (unreadable ones stay).
    report.moreDue = report.fired.size() + report.lostRaces >= limit;
    return report;
}

// ---------------------------------------------------------------------------------------------------------------
// Events

Status TaskStore::subscribe(const Subscription& subscription)
{
    if (auto s = validateName(tr("event"), subscription.event, TextLimits::kEventName); !s)
        return s;
    if (auto s = validateName(tr("handler"), subscription.handler, TextLimits::kHandlerName); !s)
        return s;
    if (auto s = validateName(tr("queue"), subscription.queue, TextLimits::kQueueName); !s)
        return s;
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    // Subscribing again replaces the queue and priority.
    auto remove = prepare(Sql::DeleteSubscription);
    if (!remove)
        return remove.error();
    (*remove)->bindValue(QStringLiteral(":event"), dialect().textValue(subscription.event));
    (*remove)->bindValue(QStringLiteral(":handler"), dialect().textValue(subscription.handler));
    if (auto s = exec(**remove, tr("replace the subscription")); !s)
        return s;
    auto insert = prepare(Sql::InsertSubscription);
    if (!insert)
        return insert.error();
    QSqlQuery& q = **insert;
    q.bindValue(QStringLiteral(":event"), dialect().textValue(subscription.event));
    q.bindValue(QStringLiteral(":handler"), dialect().textValue(subscription.handler));
    q.bindValue(QStringLiteral(":queue"), dialect().textValue(subscription.queue));
    q.bindValue(QStringLiteral(":priority"), subscription.priority);
    if (auto s = exec(q, tr("subscribe '%1' to event '%2'").arg(subscription.handler, subscription.event)); !s)
        return s;
    if (auto s = insertOperatorAction(
            QStringLiteral("subscribe"), 0,
            QStringLiteral("%1 → %2 on queue %3").arg(subscription.event, subscription.handler, subscription.queue));
        !s)
        return s;
    return scope.commit();
}

Status TaskStore::unsubscribe(const QString& event, const QString& handler)
{
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    auto remove = prepare(Sql::DeleteSubscription);
    if (!remove)
        return remove.error();
    (*remove)->bindValue(QStringLiteral(":event"), dialect().textValue(event));
    (*remove)->bindValue(QStringLiteral(":handler"), dialect().textValue(handler));
    if (auto s = exec(**remove, tr("unsubscribe '%1' from event '%2'").arg(handler, event)); !s)
        return s;
    if ((*remove)->numRowsAffected() != 1)
        return makeError(ErrorCode::NotFound,
                         tr("handler '%1' is not subscribed to event '%2' (see `subscriptions`)").arg(handler, event));
    if (auto s = insertOperatorAction(QStringLiteral("unsubscribe"), 0, QStringLiteral("%1 → %2").arg(event, handler));
        !s)
        return s;
    return scope.commit();
}

Result<QList<Subscription>> TaskStore::subscriptions(const QString& event)
{
    auto select = prepare(event.isEmpty() ? Sql::SelectSubscriptions : Sql::SelectEventSubscriptions);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (!event.isEmpty())
        q.bindValue(QStringLiteral(":event"), dialect().textValue(event));
    if (auto s = exec(q, tr("read the subscriptions")); !s)
        return s.error();
    QList<Subscription> list;
    while (q.next()) {
        Subscription subscription;
        subscription.event = dialect().readText(q.value(0));
        subscription.handler = dialect().readText(q.value(1));
        subscription.queue = dialect().readText(q.value(2));
        subscription.priority = q.value(3).toInt();
        subscription.createdAt = dialect().readTime(q.value(4));
        list << subscription;
    }
    q.finish();
    return list;
}

Result<QList<EnqueueResult>> TaskStore::publish(const QString& event, const QString& payload)
{
    if (auto s = validateName(tr("event"), event, TextLimits::kEventName); !s)
        return s.error();
    auto normalized = normalizePayload(payload);
    if (!normalized)
        return normalized.error();
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s.error();
    // Read inside the write transaction, so the fan-out matches the subscriptions at one moment.
    auto subscribers = subscriptions(event);
    if (!subscribers)
        return subscribers.error();
    QList<EnqueueRequest> requests;
    for (const Subscription& subscription : std::as_const(*subscribers)) {
        EnqueueRequest request;
        request.handler = subscription.handler;
        request.queue = subscription.queue;
        request.priority = subscription.priority;
        request.payload = *normalized;
        requests << request;
    }
    QList<EnqueueResult> results;
    if (!requests.isEmpty()) {
        auto enqueued = enqueueBatch(requests);
        if (!enqueued)
            return enqueued.error();
        results = *enqueued;
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    return results;
}

// ---------------------------------------------------------------------------------------------------------------
// Retention

Result<RetentionSettings> TaskStore::retention()
{
    auto select = prepare(Sql::SelectSettings);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = exec(q, tr("read the settings")); !s)
        return s.error();
    RetentionSettings settings;
    while (q.next()) {
        const QString name = dialect().readText(q.value(0));
        bool ok = false;
        const qint64 value = dialect().readText(q.value(1)).toLongLong(&ok);
        if (!ok || value < 0)
            continue; // a damaged value keeps the default rather than removing anything
        if (name == kSucceededSetting)
            settings.succeededMs = value;
        else if (name == kRunsSetting)
            settings.runsMs = value;
        else if (name == kMinuteStatsSetting)
            settings.minuteStatsMs = value;
        else if (name == kHourStatsSetting)
            settings.hourStatsMs = value;
    }
    q.finish();
    return settings;
}

Status TaskStore::setSetting(const QString& name, const QString& value)
{
    auto remove = prepare(Sql::DeleteSetting);
    if (!remove)
        return remove.error();
    (*remove)->bindValue(QStringLiteral(":name"), dialect().textValue(name));
    if (auto s = exec(**remove, tr("replace setting %1").arg(name)); !s)
        return s;
    auto insert = prepare(Sql::InsertSetting);
    if (!insert)
        return insert.error();
    (*insert)->bindValue(QStringLiteral(":name"), dialect().textValue(name));
    (*insert)->bindValue(QStringLiteral(":value"), dialect().textValue(value));
    return exec(**insert, tr("write setting %1").arg(name));
}

Status TaskStore::setRetention(const RetentionSettings& settings)
{
    if (settings.succeededMs < 0 || settings.runsMs < 0 || settings.minuteStatsMs < 0 || settings.hourStatsMs < 0)
        return makeError(ErrorCode::InvalidArgument, tr("retention ages must not be negative"));
    if (settings.minuteStatsMs < RetentionSettings::kDay)
        return makeError(ErrorCode::InvalidArgument,
                         tr("per-minute statistics must be kept for at least a day (the overview's charts use them)"));
    if (settings.hourStatsMs < settings.minuteStatsMs)
        return makeError(ErrorCode::InvalidArgument,
                         tr("hourly statistics must be kept at least as long as per-minute ones"));
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    for (const auto& [name, value] :
         std::initializer_list<std::pair<QString, qint64>>{{kSucceededSetting, settings.succeededMs},
                                                           {kRunsSetting, settings.runsMs},
                                                           {kMinuteStatsSetting, settings.minuteStatsMs},
                                                           {kHourStatsSetting, settings.hourStatsMs}}) {
        if (auto s = setSetting(name, QString::number(value)); !s)
            return s;
    }
    if (auto s = insertOperatorAction(
            QStringLiteral("retention"), 0,
            QStringLiteral("succeeded %1, runs %2, minute stats %3, hour stats %4")
                .arg(formatDurationMs(settings.succeededMs), formatDurationMs(settings.runsMs),
                     formatDurationMs(settings.minuteStatsMs), formatDurationMs(settings.hourStatsMs)));
        !s)
        return s;
    if (auto s = scope.commit(); !s)
        return s;
    m_succeededRetentionMs = settings.succeededMs;
    m_retentionReadAtMs = QDeadlineTimer::current().deadline();
    return {};
}

bool TaskStore::removeSucceededAtOnce()
{
    const qint64 nowMs = QDeadlineTimer::current().deadline();
    if (!m_succeededRetentionMs || nowMs - m_retentionReadAtMs > kRetentionCacheMs) {
        auto settings = retention();
        // Unreadable settings keep succeeded tasks: keeping a row is always safe, removing one is not undone.
        m_succeededRetentionMs = settings ? settings->succeededMs : RetentionSettings{}.succeededMs;
        m_retentionReadAtMs = nowMs;
    }
    return *m_succeededRetentionMs == 0;
}

Result<qint64> TaskStore::pruneIds(Sql select, Sql remove, qint64 ageMs, int& budget)
{
    qint64 removed = 0;
    while (budget > 0) {
        auto pick = prepare(select);
        if (!pick)
            return pick.error();
        QSqlQuery& q = **pick;
        q.bindValue(QStringLiteral(":minus_ms"), static_cast<qlonglong>(-ageMs));
        q.bindValue(QStringLiteral(":limit"), kBatchSize);
        if (auto s = exec(q, tr("find rows to prune")); !s)
            return s.error();
        QList<qint64> ids;
        while (q.next())
            ids << q.value(0).toLongLong();
        q.finish();
        if (ids.isEmpty())
            break;
        --budget;
        WriteScope scope(*this);
        if (auto s = scope.begin(); !s)
            return s.error();
        auto del = prepare(remove, kBatchSize);
        if (!del)
            return del.error();
        bindIds(**del, ids, kBatchSize);
        if (auto s = exec(**del, tr("prune %1 rows").arg(ids.size())); !s)
            return s.error();
        removed += (*del)->numRowsAffected();
        if (auto s = scope.commit(); !s)
            return s.error();
        if (ids.size() < kBatchSize)
            break;
    }
    return removed;
}

Result<PruneReport> TaskStore::prune(const QString& workerId, int batchBudget)
{
    PruneReport report;
    auto settings = retention();
    if (!settings)
        return settings.error();
    {
        WriteScope scope(*this);
        if (auto s = scope.begin(); !s)
            return s.error();
        auto take = prepare(Sql::TakeMaintenance);
        if (!take)
            return take.error();
        (*take)->bindValue(QStringLiteral(":name"), dialect().textValue(kPruneLease));
        (*take)->bindValue(QStringLiteral(":holder"), dialect().textValue(workerId));
        (*take)->bindValue(QStringLiteral(":lease_ms"), static_cast<qlonglong>(kMaintenanceLeaseMs));
        if (auto s = exec(**take, tr("take the maintenance turn")); !s)
            return s.error();
        report.tookTurn = (*take)->numRowsAffected() == 1;
        if (auto s = scope.commit(); !s)
            return s.error();
    }
    if (!report.tookTurn)
        return report;

    int budget = batchBudget;
    auto tasks = pruneIds(Sql::SelectSucceededBefore, Sql::DeleteSucceededTasks, settings->succeededMs, budget);
    if (!tasks)
        return tasks.error();
    report.tasksRemoved = *tasks;
    auto runs = pruneIds(Sql::SelectRunsBefore, Sql::DeleteRuns, settings->runsMs, budget);
    if (!runs)
        return runs.error();
    report.runsRemoved = *runs;

    // Per-minute statistics older than their age go, an hour per transaction: the hourly rows written with them
    // keep the sums.
    while (budget > 0) {
        auto oldest = prepare(Sql::SelectOldestMinuteStats);
        if (!oldest)
            return oldest.error();
        (*oldest)->bindValue(QStringLiteral(":minus_ms"), static_cast<qlonglong>(-settings->minuteStatsMs));
        if (auto s = exec(**oldest, tr("find statistics to roll up")); !s)
            return s.error();
        const QDateTime minute = (*oldest)->next() ? dialect().readTime((*oldest)->value(0)) : QDateTime();
        (*oldest)->finish();
        if (!minute.isValid())
            break;
        --budget;
        const qint64 hourMs = minute.toMSecsSinceEpoch() - minute.toMSecsSinceEpoch() % 3'600'000;
        const QDateTime from = QDateTime::fromMSecsSinceEpoch(hourMs, Qt::UTC);
        const QDateTime to = from.addSecs(3600); // the whole hour, as its hourly rows cover it

        WriteScope scope(*this);
        if (auto s = scope.begin(); !s)
            return s.error();
        auto remove = prepare(Sql::DeleteMinuteStatsInRange);
        if (!remove)
            return remove.error();
        (*remove)->bindValue(QStringLiteral(":from"), timeOrNull(from));
        (*remove)->bindValue(QStringLiteral(":to"), timeOrNull(to));
        if (auto s = exec(**remove, tr("remove per-minute statistics")); !s)
            return s.error();
        if (auto s = scope.commit(); !s)
            return s.error();
        ++report.hoursRolledUp;
    }

    if (budget > 0) {
        auto now = databaseTime();
        if (!now)
            return now.error();
        WriteScope scope(*this);
        if (auto s = scope.begin(); !s)
            return s.error();
        auto remove = prepare(Sql::DeleteStatsInRange);
        if (!remove)
            return remove.error();
        (*remove)->bindValue(QStringLiteral(":from"), timeOrNull(QDateTime::fromMSecsSinceEpoch(0, Qt::UTC)));
        (*remove)->bindValue(QStringLiteral(":to"), timeOrNull(now->addMSecs(-settings->hourStatsMs)));
        if (auto s = exec(**remove, tr("remove old statistics")); !s)
            return s.error();
        report.statsRowsRemoved = (*remove)->numRowsAffected();
        auto finish = prepare(Sql::FinishMaintenance);
        if (!finish)
            return finish.error();
        (*finish)->bindValue(QStringLiteral(":name"), dialect().textValue(kPruneLease));
        (*finish)->bindValue(QStringLiteral(":holder"), dialect().textValue(workerId));
        if (auto s = exec(**finish, tr("record the maintenance pass")); !s)
            return s.error();
        if (auto s = scope.commit(); !s)
            return s.error();
    }
    report.moreLeft = budget <= 0;
    // After the deletions above, which the count triggers recorded too.
    auto folded = foldTaskCounts();
    if (!folded)
        return folded.error();
    report.countRowsFolded = *folded;
    if (auto s = refreshPlannerStatisticsIfDue(); !s)
        return s.error();
    return report;
}

Status TaskStore::refreshPlannerStatisticsIfDue()
{
    const QString dueSql = dialect().sql(Sql::SelectPlannerStatisticsDue);
    if (dueSql.isEmpty())
        return {};
    auto due = prepare(dueSql);
    if (!due)
        return due.error();
    if (auto s = exec(**due, tr("check when the query planner's statistics were refreshed")); !s)
        return s;
    const bool isDue = (*due)->next();
    (*due)->finish();
    if (!isDue)
        return {};
    auto analyze = prepare(Sql::RefreshPlannerStatistics);
    if (!analyze)
        return analyze.error();
    if (auto s = exec(**analyze, tr("refresh the query planner's statistics")); !s)
        return s;
    (*analyze)->finish();
    auto finish = prepare(Sql::FinishPlannerStatistics);
    if (!finish)
        return finish.error();
    return exec(**finish, tr("record the refresh of the query planner's statistics"));
}

Status TaskStore::releaseMaintenance(const QString& workerId)
{
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    auto release = prepare(Sql::ReleaseMaintenance);
    if (!release)
        return release.error();
    (*release)->bindValue(QStringLiteral(":name"), dialect().textValue(kPruneLease));
    (*release)->bindValue(QStringLiteral(":holder"), dialect().textValue(workerId));
    if (auto s = exec(**release, tr("hand back the maintenance turn")); !s)
        return s;
    return scope.commit();
}

// ---------------------------------------------------------------------------------------------------------------
// Audit and task fate

Result<EnqueueResult> TaskStore::replaceTask(qint64 taskId, const EnqueueRequest& copy)
{
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s.error();
    auto original = task(taskId);
    if (!original)
        return original.error();
    if (!original->has_value())
        return makeError(ErrorCode::NotFound, tr("task %1 is gone: nothing to replace").arg(taskId));
    if ((*original)->task.state == TaskState::Running)
        return makeError(
            ErrorCode::InvalidArgument,
            tr("task %1 is running on %2: cancel it first, then edit it").arg(taskId).arg((*original)->task.lockedBy));
    auto enqueued = enqueue(copy);
    if (!enqueued)
        return enqueued.error();
    auto remove = prepare(Sql::DeleteTasks, 1);
    if (!remove)
        return remove.error();
    bindIds(**remove, {taskId}, 1);
    if (auto s = exec(**remove, tr("remove task %1").arg(taskId)); !s)
        return s.error();
    if (auto s = insertOperatorAction(QStringLiteral("edit"), 1,
                                      tr("task %1 replaced by task %2 (handler %3, queue %4)")
                                          .arg(taskId)
                                          .arg(enqueued->id)
                                          .arg(copy.handler, copy.queue));
        !s)
        return s.error();
    if (auto s = scope.commit(); !s)
        return s.error();
    return *enqueued;
}

Result<QList<OperatorAction>> TaskStore::operatorActions(int limit, qint64 beforeId)
{
    auto select = prepare(Sql::SelectOperatorActions);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    q.bindValue(QStringLiteral(":before_id"),
                static_cast<qlonglong>(beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max()));
    q.bindValue(QStringLiteral(":limit"), std::clamp(limit, 1, 10'000));
    if (auto s = exec(q, tr("read the audit log")); !s)
        return s.error();
    QList<OperatorAction> actions;
    while (q.next()) {
        OperatorAction action;
        action.id = q.value(0).toLongLong();
        action.at = dialect().readTime(q.value(1));
        action.actor = dialect().readText(q.value(2));
        action.databaseUser = dialect().readText(q.value(3));
        action.action = dialect().readText(q.value(4));
        action.taskCount = q.value(5).toLongLong();
        action.detail = dialect().readText(q.value(6));
        actions << action;
    }
    q.finish();
    return actions;
}

Result<TaskFate> TaskStore::taskFate(qint64 id)
{
    auto details = task(id);
    if (!details)
        return details.error();
    if (details->has_value())
        return TaskFate::Exists;
    auto runs = prepare(Sql::SelectTaskRuns);
    if (!runs)
        return runs.error();
    QSqlQuery& q = **runs;
    q.bindValue(QStringLiteral(":id"), static_cast<qlonglong>(id));
    if (auto s = exec(q, tr("read the runs of task %1").arg(id)); !s)
        return s.error();
    bool anyRun = false;
    bool succeeded = false;
    while (q.next()) {
        anyRun = true;
        succeeded = dialect().readText(q.value(5)) == QLatin1String("succeeded");
    }
    q.finish();
    if (succeeded)
        return TaskFate::SucceededAndRemoved;
    return anyRun ? TaskFate::RemovedAfterRuns : TaskFate::NeverExisted;
}

} // namespace taskdeck
