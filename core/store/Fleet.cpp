#include "store/Fleet.h"

#include "common/TextRules.h"
#include "common/Translate.h"
#include "store/StoreSession.h"
#include "store/StoreSupport.h"
#include "store/WriteScope.h"

#include <QSet>

#include <algorithm>

namespace taskdeck {

Fleet::Fleet(StoreSession& session)
    : m_session(session)
{ }

Status Fleet::ensureQueue(const QString& queue)
{
    if (auto s = validateName(tr("queue"), queue, TextLimits::kQueueName); !s)
        return s;
    auto ensure = m_session.prepare(Sql::EnsureQueue);
    if (!ensure)
        return ensure.error();
    (*ensure)->bindValue(QStringLiteral(":queue"), m_session.dialect().textValue(queue));
    return m_session.exec(**ensure, tr("create the settings of queue %1").arg(queue));
}

Status Fleet::setQueuePaused(const QString& queue, bool paused)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    if (auto s = ensureQueue(queue); !s)
        return s;
    auto update = m_session.prepare(Sql::UpdateQueuePaused);
    if (!update)
        return update.error();
    (*update)->bindValue(QStringLiteral(":queue"), m_session.dialect().textValue(queue));
    (*update)->bindValue(QStringLiteral(":paused"), paused ? 1 : 0);
    if (auto s = m_session.exec(**update, paused ? tr("pause queue %1").arg(queue) : tr("resume queue %1").arg(queue));
        !s)
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
    auto change = m_session.prepare(Sql::UpdateQueueSettings);
    if (!change)
        return change.error();
    QSqlQuery& q = **change;
    auto valueOrNull = [](const std::optional<qint64>& value) {
        return value && *value > 0 ? QVariant(static_cast<qlonglong>(*value)) : kNullInt;
    };
    q.bindValue(QStringLiteral(":queue"), m_session.dialect().textValue(queue));
    q.bindValue(QStringLiteral(":set_limit"), update.concurrencyLimit ? 1 : 0);
    q.bindValue(QStringLiteral(":concurrency_limit"), valueOrNull(update.concurrencyLimit));
    q.bindValue(QStringLiteral(":set_attempts"), update.maxAttempts ? 1 : 0);
    q.bindValue(QStringLiteral(":max_attempts"), valueOrNull(update.maxAttempts));
    q.bindValue(QStringLiteral(":set_backoff"), update.backoffMs ? 1 : 0);
    const bool clearBackoff = update.backoffMs && update.backoffMs->second == 0;
    q.bindValue(QStringLiteral(":backoff_base_ms"),
                update.backoffMs && !clearBackoff ? QVariant(static_cast<qlonglong>(update.backoffMs->first))
                                                  : kNullInt);
    q.bindValue(QStringLiteral(":backoff_max_ms"),
                valueOrNull(update.backoffMs ? std::optional<qint64>(update.backoffMs->second) : std::nullopt));
    q.bindValue(QStringLiteral(":set_timeout"), update.timeoutS ? 1 : 0);
    q.bindValue(QStringLiteral(":timeout_s"), valueOrNull(update.timeoutS));
    if (auto s = m_session.exec(q, tr("change the settings of queue %1").arg(queue)); !s)
        return s;
    if (auto s = m_session.insertOperatorAction(QStringLiteral("queue-settings"), 0, QLatin1String("queue ") + queue);
        !s)
        return s;
    if (update.concurrencyLimit)
        m_session.limitedQueuesSeen = true; // this store's next claim reads the limits again
    return scope.commit();
}

Result<QList<QueueSettings>> Fleet::queues()
{
    auto select = m_session.prepare(Sql::SelectQueues);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = m_session.exec(q, tr("read queue settings")); !s)
        return s.error();
    QList<QueueSettings> list;
    auto optionalInt = [](const QVariant& v) { return v.isNull() ? std::optional<int>() : v.toInt(); };
    auto optionalLong = [](const QVariant& v) { return v.isNull() ? std::optional<qint64>() : v.toLongLong(); };
    while (q.next()) {
        QueueSettings settings;
        settings.name = m_session.dialect().readText(q.value(0));
        settings.paused = m_session.dialect().readBool(q.value(1));
        settings.concurrencyLimit = optionalInt(q.value(2));
        settings.defaultMaxAttempts = optionalInt(q.value(3));
        settings.backoffBaseMs = optionalLong(q.value(4));
        settings.backoffMaxMs = optionalLong(q.value(5));
        settings.defaultTimeoutS = optionalInt(q.value(6));
        list << settings;
    }
    q.finish();
    return list;
}

Status Fleet::registerWorker(const WorkerInfo& worker)
{
    if (auto s = validateName(tr("worker id"), worker.id, TextLimits::kHandlerName); !s)
        return s;
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    auto insert = m_session.prepare(Sql::RegisterWorker);
    if (!insert)
        return insert.error();
    QSqlQuery& q = **insert;
    q.bindValue(QStringLiteral(":id"), m_session.dialect().textValue(worker.id));
    q.bindValue(QStringLiteral(":name"), m_session.dialect().textValue(worker.name.left(TextLimits::kHandlerName)));
    q.bindValue(QStringLiteral(":host"), m_session.dialect().textValue(worker.host.left(255)));
    q.bindValue(QStringLiteral(":pid"), static_cast<qlonglong>(worker.pid));
    q.bindValue(QStringLiteral(":version"), m_session.dialect().textValue(worker.version.left(64)));
    // join() of an empty list is a null string, which would bind as SQL NULL.
    auto list = [](const QStringList& items) { return items.isEmpty() ? QStringLiteral("") : items.join(u','); };
    q.bindValue(QStringLiteral(":queues"), m_session.dialect().textValue(list(worker.queues)));
    q.bindValue(QStringLiteral(":handlers"), m_session.dialect().textValue(list(worker.handlers)));
    q.bindValue(QStringLiteral(":concurrency"), worker.concurrency);
    if (auto s = m_session.exec(q, tr("register worker %1").arg(worker.id)); !s)
        return s;
    return scope.commit();
}

Status Fleet::workerHeartbeat(const QString& workerId, int inFlight, bool stopping)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    auto beat = m_session.prepare(Sql::WorkerHeartbeat);
    if (!beat)
        return beat.error();
    (*beat)->bindValue(QStringLiteral(":id"), m_session.dialect().textValue(workerId));
    (*beat)->bindValue(QStringLiteral(":in_flight"), inFlight);
    (*beat)->bindValue(QStringLiteral(":stopping"), stopping ? 1 : 0);
    if (auto s = m_session.exec(**beat, tr("record the heartbeat of worker %1").arg(workerId)); !s)
        return s;
    return scope.commit();
}

Status Fleet::unregisterWorker(const QString& workerId)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    auto remove = m_session.prepare(Sql::UnregisterWorker);
    if (!remove)
        return remove.error();
    (*remove)->bindValue(QStringLiteral(":id"), m_session.dialect().textValue(workerId));
    if (auto s = m_session.exec(**remove, tr("unregister worker %1").arg(workerId)); !s)
        return s;
    return scope.commit();
}

Result<qint64> Fleet::removeStaleWorkers(qint64 silentForMs)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s.error();
    auto remove = m_session.prepare(Sql::DeleteStaleWorkers);
    if (!remove)
        return remove.error();
    (*remove)->bindValue(QStringLiteral(":minus_ms"), static_cast<qlonglong>(-silentForMs));
    if (auto s = m_session.exec(**remove, tr("remove silent workers")); !s)
        return s.error();
    const qint64 removed = (*remove)->numRowsAffected();
    if (auto s = scope.commit(); !s)
        return s.error();
    return removed;
}

Result<QList<WorkerInfo>> Fleet::workers()
{
    auto select = m_session.prepare(Sql::SelectWorkers);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = m_session.exec(q, tr("read workers")); !s)
        return s.error();
    QList<WorkerInfo> list;
    auto split = [](const QString& text) { return text.split(QLatin1Char(','), Qt::SkipEmptyParts); };
    while (q.next()) {
        WorkerInfo worker;
        worker.id = m_session.dialect().readText(q.value(0));
        worker.name = m_session.dialect().readText(q.value(1));
        worker.host = m_session.dialect().readText(q.value(2));
        worker.pid = q.value(3).toLongLong();
        worker.version = m_session.dialect().readText(q.value(4));
        worker.queues = split(m_session.dialect().readText(q.value(5)));
        worker.handlers = split(m_session.dialect().readText(q.value(6)));
        worker.concurrency = q.value(7).toInt();
        worker.inFlight = q.value(8).toInt();
        worker.startedAt = m_session.dialect().readTime(q.value(9));
        worker.heartbeatAt = m_session.dialect().readTime(q.value(10));
        worker.stopping = m_session.dialect().readBool(q.value(11));
        list << worker;
    }
    q.finish();
    return list;
}

Result<QStringList> Fleet::handlersWithoutWorker()
{
    auto live = workers();
    if (!live)
        return live.error();
    QSet<QString> offered;
    for (const WorkerInfo& worker : std::as_const(*live)) {
        for (const QString& handler : worker.handlers)
            offered.insert(handler);
    }
    auto select = m_session.prepare(Sql::SelectPendingHandlers);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = m_session.exec(q, tr("read the handlers of pending tasks")); !s)
        return s.error();
    QStringList orphaned;
    while (q.next()) {
        const QString handler = m_session.dialect().readText(q.value(0));
        if (!offered.contains(handler))
            orphaned << handler;
    }
    q.finish();
    orphaned.sort();
    return orphaned;
}

Result<QList<QPair<QString, qint64>>> Fleet::queueLagMs()
{
    auto select = m_session.prepare(Sql::SelectOldestRunnable);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = m_session.exec(q, tr("read the oldest runnable tasks")); !s)
        return s.error();
    QList<QPair<QString, qint64>> lags;
    while (q.next()) {
        const QDateTime oldest = m_session.dialect().readTime(q.value(1));
        const QDateTime now = m_session.dialect().readTime(q.value(2));
        lags.append({m_session.dialect().readText(q.value(0)), std::max<qint64>(0, oldest.msecsTo(now))});
    }
    q.finish();
    return lags;
}

} // namespace taskdeck
