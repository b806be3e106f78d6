#include "store/TaskExplainer.h"

#include "common/Duration.h"
#include "store/Fleet.h"
#include "store/OperatorActions.h"
#include "store/Statement.h"
#include "store/StoreSession.h"
#include "store/TaskQueries.h"

#include <QLocale>
#include <QTimeZone>

namespace taskdeck {

namespace {

// "2026-12-08 14:03:27 (06:03:27 UTC)": the operator's local time first, UTC beside it.
QString localAndUtc(const QDateTime& utc)
{
    return QStringLiteral("%1 (%2 UTC)")
        .arg(utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
             utc.toUTC().toString(QStringLiteral("HH:mm:ss")));
}

QString inAbout(const QDateTime& from, const QDateTime& to)
{
    return formatDurationMs(std::max<qint64>(0, from.msecsTo(to)));
}

} // namespace

TaskExplainer::TaskExplainer(StoreSession& session, TaskQueries& queries, Fleet& fleet, OperatorActions& actions)
    : m_session(session)
    , m_queries(queries)
    , m_fleet(fleet)
    , m_actions(actions)
{ }

Result<TaskExplanation> TaskExplainer::explain(qint64 taskId)
{
    auto found = m_queries.task(taskId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return makeError(ErrorCode::NotFound, tr("there is no task %1").arg(taskId));
    const Task& task = (*found)->task;
    auto now = m_session.databaseTime();
    if (!now)
        return now.error();
    TaskExplanation explanation;
    explanation.taskId = task.id;
    explanation.state = task.displayState;
    switch (task.state) {
    case TaskState::Pending:
        if (auto s = explainWaiting(task, *now, explanation); !s)
            return s.error();
        break;
    case TaskState::Running:
        if (auto s = explainRunning(task, *now, explanation); !s)
            return s.error();
        break;
    case TaskState::Failed: {
        const bool exhausted = task.attempts >= task.maxAttempts;
        explanation.reasons << TaskExplanation::Reason{
            QStringLiteral("failed"),
            (exhausted ? tr("It failed for good: all %1 attempts were used.").arg(task.maxAttempts)
                       : tr("It failed for good after attempt %1 of %2: its handler said a retry would not help.")
                             .arg(task.attempts)
                             .arg(task.maxAttempts)) +
                (task.lastError.isEmpty() ? QString() : QLatin1Char(' ') + tr("Last error: %1").arg(task.lastError)) +
                QLatin1Char(' ') + tr("Retry it to run it again.")};
        break;
    }
    case TaskState::Cancelled:
        explanation.reasons << TaskExplanation::Reason{
            QStringLiteral("cancelled"),
            tr("It was cancelled%1. Retry it to run it again.")
                .arg(task.finishedAt.isValid() ? tr(" at %1").arg(localAndUtc(task.finishedAt)) : QString())};
        break;
    case TaskState::Succeeded:
        explanation.reasons << TaskExplanation::Reason{
            QStringLiteral("succeeded"),
            tr("It has run: it succeeded%1 on attempt %2.")
                .arg(task.finishedAt.isValid() ? tr(" at %1").arg(localAndUtc(task.finishedAt)) : QString())
                .arg(task.attempts)};
        break;
    }
    return explanation;
}

Status TaskExplainer::explainWaiting(const Task& task, const QDateTime& now, TaskExplanation& explanation)
{
    auto& reasons = explanation.reasons;
    if (task.runAt > now) {
        if (task.attempts == 0)
            reasons << TaskExplanation::Reason{
                QStringLiteral("scheduled"),
                tr("It is scheduled for %1, in %2.").arg(localAndUtc(task.runAt), inAbout(now, task.runAt))};
        else
            reasons << TaskExplanation::Reason{
                QStringLiteral("backoff"),
                tr("Attempt %1 of %2 failed; it waits for its retry backoff until %3, in %4.")
                        .arg(task.attempts)
                        .arg(task.maxAttempts)
                        .arg(localAndUtc(task.runAt), inAbout(now, task.runAt)) +
                    (task.lastError.isEmpty() ? QString()
                                              : QLatin1Char(' ') + tr("Last error: %1").arg(task.lastError))};
    }

    auto queues = m_fleet.queues();
    if (!queues)
        return queues.error();
    std::optional<QueueSettings> queue;
    for (const QueueSettings& q : std::as_const(*queues)) {
        if (q.name == task.queue)
            queue = q;
    }
    if (queue && queue->paused) {
        const QString who = whoPaused(task.queue);
        reasons << TaskExplanation::Reason{
            QStringLiteral("queue_paused"),
            tr("Its queue '%1' is paused%2: no worker claims from it until it is resumed.")
                .arg(task.queue, who.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(who))};
    }
    if (queue && queue->concurrencyLimit) {
        auto counts = m_queries.countUnfinishedTasks();
        if (!counts)
            return counts.error();
        qint64 running = 0;
        for (const StateCount& c : std::as_const(*counts)) {
            if (c.queue == task.queue && c.state == DisplayState::Running)
                running += c.count;
        }
        if (running >= *queue->concurrencyLimit)
            reasons << TaskExplanation::Reason{
                QStringLiteral("queue_limit"),
                tr("Its queue '%1' is at its concurrency limit: %2 running of %3 allowed across all workers.")
                    .arg(task.queue)
                    .arg(running)
                    .arg(*queue->concurrencyLimit)};
    }

    auto workers = m_fleet.workers();
    if (!workers)
        return workers.error();
    QStringList live;
    bool served = false;
    for (const WorkerInfo& w : std::as_const(*workers)) {
        if (w.stopping || w.heartbeatAt.msecsTo(now) > kSilentWorkerMs)
            continue;
        const bool takesQueue = w.queues.isEmpty() || w.queues.contains(task.queue);
        served = served || (takesQueue && w.handlers.contains(task.handler));
        live << tr("%1 on %2 (queues %3; handlers %4)")
                    .arg(w.name, w.host, w.queues.isEmpty() ? tr("all") : w.queues.join(QLatin1String(", ")),
                         w.handlers.join(QLatin1String(", ")));
    }
    if (!served)
        reasons << TaskExplanation::Reason{
            QStringLiteral("no_worker"),
            live.isEmpty()
                ? tr("No worker is running: start one (taskdeckctl worker, or the console's local executor) that "
                     "offers handler '%1' for queue '%2'.")
                      .arg(task.handler, task.queue)
                : tr("No live worker takes queue '%1' with handler '%2'. The live workers: %3.")
                      .arg(task.queue, task.handler, live.join(QLatin1String("; ")))};

    if (task.runAt <= now) {
        auto ahead = runnableAhead(task);
        if (!ahead)
            return ahead.error();
        if (*ahead > kMostCountedAhead) {
            reasons << TaskExplanation::Reason{
                QStringLiteral("behind"),
                tr("More than %L1 runnable tasks of higher or equal priority in queue '%2' go first.")
                    .arg(kMostCountedAhead)
                    .arg(task.queue)};
        } else if (*ahead > 0) {
            auto pace = recentPacePerMinute(task.queue, now);
            if (!pace)
                return pace.error();
            const QString wait = *pace > 0
                ? tr("at the queue's pace of the last ten minutes (%1 runs a minute), about %2")
                      .arg(QLocale().toString(*pace, 'f', 1),
                           formatDurationMs(qint64(double(*ahead) / *pace * 60'000.0)))
                : tr("the queue ran nothing in the last ten minutes, so no wait can be estimated");
            reasons << TaskExplanation::Reason{
                QStringLiteral("behind"),
                tr("%n runnable task(s) of higher or equal priority in queue '%1' go first; %2.", nullptr,
                   int(std::min<qint64>(*ahead, std::numeric_limits<int>::max())))
                    .arg(task.queue, wait)};
        }
    }
    if (reasons.isEmpty())
        reasons << TaskExplanation::Reason{
            QStringLiteral("ready"),
            tr("It is runnable now and next in its queue: a worker takes it at its next claim (within its poll "
               "interval, at once where the database notifies workers).")};
    return {};
}

Status TaskExplainer::explainRunning(const Task& task, const QDateTime& now, TaskExplanation& explanation)
{
    auto workers = m_fleet.workers();
    if (!workers)
        return workers.error();
    std::optional<WorkerInfo> holder;
    for (const WorkerInfo& w : std::as_const(*workers)) {
        if (w.id == task.lockedBy)
            holder = w;
    }
    const qint64 silentMs = holder ? holder->heartbeatAt.msecsTo(now) : -1;
    if (!holder || silentMs > kSilentWorkerMs || task.lockedUntil < now) {
        const QString heard = holder ? tr("whose last heartbeat was %1 ago").arg(formatDurationMs(silentMs))
                                     : tr("which is no longer registered");
        explanation.reasons << TaskExplanation::Reason{
            QStringLiteral("stale_worker"),
            tr("It is held by worker %1, %2. Its lease %3 %4: then any worker's rescue pass returns it to the queue "
               "(attempt %5 of %6 counts as lost).")
                .arg(task.lockedBy, heard, task.lockedUntil < now ? tr("ran out at") : tr("runs out at"),
                     localAndUtc(task.lockedUntil))
                .arg(task.attempts)
                .arg(task.maxAttempts)};
    }
    if (task.cancelRequested)
        explanation.reasons << TaskExplanation::Reason{
            QStringLiteral("cancel_requested"),
            tr("Cancellation was requested: its worker stops the handler at its next heartbeat (the handler may "
               "finish first).")};
    if (explanation.reasons.isEmpty())
        explanation.reasons << TaskExplanation::Reason{
            QStringLiteral("running"),
            tr("It is running on %1 since %2 (attempt %3 of %4%5); its lease runs until %6.")
                .arg(holder ? QStringLiteral("%1 (%2)").arg(holder->name, holder->host) : task.lockedBy,
                     localAndUtc(task.startedAt))
                .arg(task.attempts)
                .arg(task.maxAttempts)
                .arg(task.progress ? tr(", %1% done").arg(*task.progress) : QString(), localAndUtc(task.lockedUntil))};
    return {};
}

QString TaskExplainer::whoPaused(const QString& queue)
{
    auto actions = m_actions.operatorActions(500);
    if (!actions)
        return {};
    const QString detail = QLatin1String("queue ") + queue;
    for (const OperatorAction& a : std::as_const(*actions)) {
        if (a.detail != detail)
            continue;
        if (a.action == QLatin1String("pause"))
            return tr("by %1 at %2").arg(a.actor, localAndUtc(a.at));
        if (a.action == QLatin1String("resume"))
            return {}; // paused again later than the log reaches
    }
    return {};
}

Result<qint64> TaskExplainer::runnableAhead(const Task& task)
{
    Statement count(m_session, Sql::CountRunnableAhead);
    count.bindText(QStringLiteral(":queue"), task.queue);
    count.bind(QStringLiteral(":priority_a"), task.priority).bind(QStringLiteral(":priority_b"), task.priority);
    count.bindTime(QStringLiteral(":run_at_a"), task.runAt).bindTime(QStringLiteral(":run_at_b"), task.runAt);
    count.bind(QStringLiteral(":id_a"), task.id).bind(QStringLiteral(":id_b"), task.id);
    count.bind(QStringLiteral(":limit"), kMostCountedAhead + 1);
    if (auto s = count.run(tr("count the tasks ahead of task %1").arg(task.id)); !s)
        return s.error();
    const qint64 ahead = count.next() ? count.integer(0) : 0;
    count.finish();
    return ahead;
}

Result<double> TaskExplainer::recentPacePerMinute(const QString& queue, const QDateTime& now)
{
    auto stats = m_queries.stats(now.addSecs(-600));
    if (!stats)
        return stats.error();
    qint64 runs = 0;
    for (const StatsRow& row : std::as_const(*stats)) {
        if (row.queue == queue)
            runs += row.count;
    }
    return double(runs) / 10.0;
}

} // namespace taskdeck
