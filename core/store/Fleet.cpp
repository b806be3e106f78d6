#include "store/Fleet.h"

#include "common/Duration.h"
#include "common/TextRules.h"
#include "common/Translate.h"
#include "store/Statement.h"
#include "store/StoreSession.h"
#include "store/StoreSupport.h"
#include "store/WriteScope.h"

#include <QSet>

#include <algorithm>

namespace taskdeck {

namespace {

// "limit none → 5, max attempts 3 → default": each setting the update names, as it was and as it will be. The audit
// log's words, the same in every language (like its action names).
QString describeQueueChange(const QueueSettings& was, const QueueUpdate& update)
{
    auto number = [](const std::optional<qint64>& value, const char* none) {
        return value && *value > 0 ? QString::number(*value) : QString::fromLatin1(none);
    };
    auto duration = [](const std::optional<qint64>& ms, const char* none) {
        return ms && *ms > 0 ? formatDurationMs(*ms) : QString::fromLatin1(none);
    };
    auto backoff = [&duration](const std::optional<qint64>& base, const std::optional<qint64>& max) {
        return base ? duration(base, "0") + QStringLiteral("…") + duration(max, "0") : QStringLiteral("default");
    };
    auto seconds = [](const std::optional<int>& s) {
        return s ? std::optional<qint64>(qint64(*s) * 1000) : std::nullopt;
    };
    QStringList changes;
    if (update.concurrencyLimit)
        changes << QStringLiteral("limit %1 → %2")
                       .arg(number(was.concurrencyLimit, "none"), number(*update.concurrencyLimit, "none"));
    if (update.maxAttempts)
        changes << QStringLiteral("max attempts %1 → %2")
                       .arg(number(was.defaultMaxAttempts, "default"), number(*update.maxAttempts, "default"));
    if (update.backoffMs) {
        const bool clear = update.backoffMs->second == 0;
        changes << QStringLiteral("backoff %1 → %2")
                       .arg(backoff(was.backoffBaseMs, was.backoffMaxMs),
                            clear ? QStringLiteral("default")
                                  : backoff(update.backoffMs->first, update.backoffMs->second));
    }
    if (update.timeoutS)
        changes << QStringLiteral("timeout %1 → %2")
                       .arg(duration(seconds(was.defaultTimeoutS), "none"),
                            duration(seconds(int(*update.timeoutS)), "none"));
    return changes.isEmpty() ? QStringLiteral("nothing changed") : changes.join(QLatin1String(", "));
}

} // namespace

Fleet::Fleet(StoreSession& session)
    : m_session(session)
{ }

Status Fleet::ensureQueue(const QString& queue)
{
    if (auto s = validateName(tr("queue"), queue, TextLimits::kQueueName); !s)
        return s;
    Statement ensure(m_session, Sql::EnsureQueue);
    ensure.bindText(QStringLiteral(":queue"), queue);
    return ensure.run(tr("create the settings of queue %1").arg(queue));
}

Status Fleet::setQueuePaused(const QString& queue, bool paused)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    if (auto s = ensureQueue(queue); !s)
        return s;
    Statement update(m_session, Sql::UpdateQueuePaused);
    update.bindText(QStringLiteral(":queue"), queue).bind(QStringLiteral(":paused"), paused ? 1 : 0);
    if (auto s = update.run(paused ? tr("pause queue %1").arg(queue) : tr("resume queue %1").arg(queue)); !s)
        return s;
    if (auto s = m_session.insertOperatorAction(paused ? QStringLiteral("pause") : QStringLiteral("resume"), 0,
                                                QLatin1String("queue ") + queue);
        !s)
        return s;
    return scope.commit();
}

Status Fleet::updateQueue(const QString& queue, const QueueUpdate& update)
{
    if (update.concurrencyLimit && (*update.concurrencyLimit < 0 || *update.concurrencyLimit > 100'000))
        return makeError(ErrorCode::InvalidArgument, tr("a concurrency limit is between 1 and 100000 (0 removes it)"));
    if (update.maxAttempts && (*update.maxAttempts < 0 || *update.maxAttempts > 1000))
        return makeError(ErrorCode::InvalidArgument, tr("max attempts is between 1 and 1000 (0 removes it)"));
    if (update.backoffMs && (update.backoffMs->first < 0 || update.backoffMs->second < update.backoffMs->first))
        return makeError(ErrorCode::InvalidArgument,
                         tr("a backoff is BASE:MAX with 0 ≤ BASE ≤ MAX, e.g. 1s:1h (0:0 removes it)"));
    if (update.timeoutS && (*update.timeoutS < 0 || *update.timeoutS > 7 * 86400))
        return makeError(ErrorCode::InvalidArgument, tr("a timeout is between 1 second and 7 days (0 removes it)"));
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    if (auto s = ensureQueue(queue); !s)
        return s;
    auto before = queues(); // read in the same transaction: the audit says what changed from what to what
    if (!before)
        return before.error();
    const auto found = std::find_if(before->cbegin(), before->cend(),
                                    [&queue](const QueueSettings& settings) { return settings.name == queue; });
    const QueueSettings was = found != before->cend() ? *found : QueueSettings{};
    auto valueOrNull = [](const std::optional<qint64>& value) {
        return value && *value > 0 ? QVariant(static_cast<qlonglong>(*value)) : kNullInt;
    };
    const bool clearBackoff = update.backoffMs && update.backoffMs->second == 0;
    Statement change(m_session, Sql::UpdateQueueSettings);
    change.bindText(QStringLiteral(":queue"), queue)
        .bind(QStringLiteral(":set_limit"), update.concurrencyLimit ? 1 : 0)
        .bind(QStringLiteral(":concurrency_limit"), valueOrNull(update.concurrencyLimit))
        .bind(QStringLiteral(":set_attempts"), update.maxAttempts ? 1 : 0)
        .bind(QStringLiteral(":max_attempts"), valueOrNull(update.maxAttempts))
        .bind(QStringLiteral(":set_backoff"), update.backoffMs ? 1 : 0)
        .bind(QStringLiteral(":backoff_base_ms"),
              update.backoffMs && !clearBackoff ? QVariant(static_cast<qlonglong>(update.backoffMs->first)) : kNullInt)
        .bind(QStringLiteral(":backoff_max_ms"),
              valueOrNull(update.backoffMs ? std::optional<qint64>(update.backoffMs->second) : std::nullopt))
        .bind(QStringLiteral(":set_timeout"), update.timeoutS ? 1 : 0)
        .bind(QStringLiteral(":timeout_s"), valueOrNull(update.timeoutS));
    if (auto s = change.run(tr("change the settings of queue %1").arg(queue)); !s)
        return s;
    if (auto s = m_session.insertOperatorAction(QStringLiteral("queue-settings"), 0,
                                                QLatin1String("queue ") + queue + QLatin1String(": ") +
                                                    describeQueueChange(was, update));
        !s)
        return s;
    if (update.concurrencyLimit)
        m_session.limitedQueuesSeen = true; // this store's next claim reads the limits again
    return scope.commit();
}

Result<QList<QueueSettings>> Fleet::queues()
{
    Statement select(m_session, Sql::SelectQueues);
    if (auto s = select.run(tr("read queue settings")); !s)
        return s.error();
    QList<QueueSettings> list;
    while (select.next()) {
        QueueSettings settings;
        settings.name = select.text(QueueColumn::Name);
        settings.paused = select.flag(QueueColumn::Paused);
        settings.concurrencyLimit = select.optionalNumber(QueueColumn::ConcurrencyLimit);
        settings.defaultMaxAttempts = select.optionalNumber(QueueColumn::DefaultMaxAttempts);
        settings.backoffBaseMs = select.optionalInteger(QueueColumn::BackoffBaseMs);
        settings.backoffMaxMs = select.optionalInteger(QueueColumn::BackoffMaxMs);
        settings.defaultTimeoutS = select.optionalNumber(QueueColumn::DefaultTimeoutS);
        list << settings;
    }
    return list;
}

Status Fleet::registerWorker(const WorkerInfo& worker)
{
    if (auto s = validateName(tr("worker id"), worker.id, TextLimits::kHandlerName); !s)
        return s;
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    // join() of an empty list is a null string, which would bind as SQL NULL.
    auto list = [](const QStringList& items) { return items.isEmpty() ? QStringLiteral("") : items.join(u','); };
    Statement insert(m_session, Sql::RegisterWorker);
    insert.bindText(QStringLiteral(":id"), worker.id)
        .bindText(QStringLiteral(":name"), worker.name.left(TextLimits::kHandlerName))
        .bindText(QStringLiteral(":host"), worker.host.left(255))
        .bind(QStringLiteral(":pid"), qint64(worker.pid))
        .bindText(QStringLiteral(":version"), worker.version.left(64))
        .bindText(QStringLiteral(":queues"), list(worker.queues))
        .bindText(QStringLiteral(":handlers"), list(worker.handlers))
        .bind(QStringLiteral(":concurrency"), worker.concurrency);
    if (auto s = insert.run(tr("register worker %1").arg(worker.id)); !s)
        return s;
    return scope.commit();
}

Status Fleet::workerHeartbeat(const QString& workerId, int inFlight, bool stopping)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    Statement beat(m_session, Sql::WorkerHeartbeat);
    beat.bindText(QStringLiteral(":id"), workerId)
        .bind(QStringLiteral(":in_flight"), inFlight)
        .bind(QStringLiteral(":stopping"), stopping ? 1 : 0);
    if (auto s = beat.run(tr("record the heartbeat of worker %1").arg(workerId)); !s)
        return s;
    return scope.commit();
}

Status Fleet::unregisterWorker(const QString& workerId)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    Statement remove(m_session, Sql::UnregisterWorker);
    remove.bindText(QStringLiteral(":id"), workerId);
    if (auto s = remove.run(tr("unregister worker %1").arg(workerId)); !s)
        return s;
    return scope.commit();
}

Result<qint64> Fleet::removeStaleWorkers(qint64 silentForMs)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s.error();
    Statement remove(m_session, Sql::DeleteStaleWorkers);
    remove.bind(QStringLiteral(":minus_ms"), -silentForMs);
    if (auto s = remove.run(tr("remove silent workers")); !s)
        return s.error();
    const qint64 removed = remove.rowsAffected();
    if (auto s = scope.commit(); !s)
        return s.error();
    return removed;
}

Result<QList<WorkerInfo>> Fleet::workers()
{
    Statement select(m_session, Sql::SelectWorkers);
    if (auto s = select.run(tr("read workers")); !s)
        return s.error();
    QList<WorkerInfo> list;
    auto split = [](const QString& text) { return text.split(QLatin1Char(','), Qt::SkipEmptyParts); };
    while (select.next()) {
        WorkerInfo worker;
        worker.id = select.text(WorkerColumn::Id);
        worker.name = select.text(WorkerColumn::Name);
        worker.host = select.text(WorkerColumn::Host);
        worker.pid = select.integer(WorkerColumn::Pid);
        worker.version = select.text(WorkerColumn::Version);
        worker.queues = split(select.text(WorkerColumn::Queues));
        worker.handlers = split(select.text(WorkerColumn::Handlers));
        worker.concurrency = select.number(WorkerColumn::Concurrency);
        worker.inFlight = select.number(WorkerColumn::InFlight);
        worker.startedAt = select.time(WorkerColumn::StartedAt);
        worker.heartbeatAt = select.time(WorkerColumn::HeartbeatAt);
        worker.stopping = select.flag(WorkerColumn::Stopping);
        list << worker;
    }
    return list;
}

Result<QSet<QString>> Fleet::offeredHandlers()
{
    auto live = workers();
    if (!live)
        return live.error();
    QSet<QString> offered;
    for (const WorkerInfo& worker : std::as_const(*live)) {
        for (const QString& handler : worker.handlers)
            offered.insert(handler);
    }
    return offered;
}

Result<QStringList> Fleet::handlersWithoutWorker()
{
    auto offered = offeredHandlers();
    if (!offered)
        return offered.error();
    Statement select(m_session, Sql::SelectPendingHandlers);
    if (auto s = select.run(tr("read the handlers of pending tasks")); !s)
        return s.error();
    QStringList orphaned;
    while (select.next()) {
        const QString handler = select.text(0);
        if (!offered->contains(handler))
            orphaned << handler;
    }
    orphaned.sort();
    return orphaned;
}

Result<std::pair<QStringList, QStringList>> Fleet::knownNames()
{
    QSet<QString> queueNames;
    auto settings = queues();
    if (!settings)
        return settings.error();
    for (const QueueSettings& queue : std::as_const(*settings))
        queueNames.insert(queue.name);
    Statement countedQueues(m_session, Sql::SelectCountedQueues);
    if (auto s = countedQueues.run(tr("read the queues of unfinished tasks")); !s)
        return s.error();
    while (countedQueues.next())
        queueNames.insert(countedQueues.text(0));
    countedQueues.finish();
    auto offered = offeredHandlers();
    if (!offered)
        return offered.error();
    QSet<QString> handlerNames = *offered;
    Statement handlers(m_session, Sql::SelectCountedHandlers);
    if (auto s = handlers.run(tr("read the handlers of unfinished tasks")); !s)
        return s.error();
    while (handlers.next())
        handlerNames.insert(handlers.text(0));
    QStringList queueList(queueNames.cbegin(), queueNames.cend());
    QStringList handlerList(handlerNames.cbegin(), handlerNames.cend());
    queueList.sort();
    handlerList.sort();
    return std::pair{queueList, handlerList};
}

Result<QList<QPair<QString, qint64>>> Fleet::queueLagMs()
{
    Statement select(m_session, Sql::SelectOldestRunnable);
    if (auto s = select.run(tr("read the oldest runnable tasks")); !s)
        return s.error();
    QList<QPair<QString, qint64>> lags;
    while (select.next()) {
        const QDateTime oldest = select.time(OldestRunnableColumn::OldestRunAt);
        const QDateTime now = select.time(OldestRunnableColumn::Now);
        lags.append({select.text(OldestRunnableColumn::Queue), std::max<qint64>(0, oldest.msecsTo(now))});
    }
    return lags;
}

} // namespace taskdeck
