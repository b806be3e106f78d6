// taskdeckctl status: one task, and waiting for it to finish.

#include "app/ctl/commands/StatusCommand.h"

#include "app/ctl/CtlOutput.h"
#include "common/Duration.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

namespace taskdeck {

int StatusCommand::run(const Invocation& context)
{
    QCommandLineParser parser;
    const QCommandLineOption wait(QStringLiteral("wait"), tr("Wait until the task has finished."));
    const QCommandLineOption timeout(QStringLiteral("timeout"), tr("With --wait: give up after this long."),
                                     QStringLiteral("D"));
    parser.addOptions({wait, timeout, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("ID"),
                      tr("Show a task and its runs. Exit code: 0 succeeded, 3 failed or cancelled, 4 not finished, "
                         "5 no such task."),
                      &code))
        return code;
    const QStringList positional = parser.positionalArguments();
    bool ok = false;
    const qint64 id = positional.size() == 1 ? positional.first().toLongLong(&ok) : 0;
    if (!ok || id <= 0)
        return usageError(context.command, tr("give exactly one task id (a positive number)"));
    if (parser.isSet(timeout) && !parser.isSet(wait))
        return usageError(context.command, tr("--timeout goes with --wait"));
    QDeadlineTimer deadline(QDeadlineTimer::Forever);
    if (parser.isSet(timeout)) {
        auto ms = parseDurationMs(parser.value(timeout));
        if (!ms)
            return usageError(context.command, ms.error().message);
        deadline = QDeadlineTimer(*ms);
    }

    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    auto isFinished = [](TaskState state) {
        return state == TaskState::Succeeded || state == TaskState::Failed || state == TaskState::Cancelled;
    };
    // Polls with a growing interval: quick for short tasks, gentle on the database for long ones.
    int intervalMs = 50;
    std::optional<TaskDetails> details;
    while (true) {
        auto loaded = (*store)->task(id);
        if (!loaded)
            return fail(loaded.error());
        details = *loaded;
        if (!details) {
            auto fate = (*store)->taskFate(id);
            if (!fate)
                return fail(fate.error());
            switch (*fate) {
            case TaskFate::SucceededAndRemoved:
                // Finished as asked: the row went by the retention setting, its runs remain.
                m_out << tr("task %1: succeeded and cleaned up (its runs remain: removed by retention)").arg(id)
                      << Qt::endl;
                return int(ExitCode::Ok);
            case TaskFate::RemovedAfterRuns:
                m_err << tr("taskdeckctl: task %1 was deleted; it had run (see its runs in the console)").arg(id)
                      << Qt::endl;
                return int(ExitCode::NoSuchTask);
            case TaskFate::NeverExisted:
            case TaskFate::Exists:
                break;
            }
            m_err << tr("taskdeckctl: there is no task %1 and no run of it was recorded: it never existed, or it "
                        "succeeded and was removed where successful runs are not recorded")
                         .arg(id)
                  << Qt::endl;
            return int(ExitCode::NoSuchTask);
        }
        if (!parser.isSet(wait) || isFinished(details->task.state) || deadline.hasExpired())
            break;
        QThread::msleep(std::min<qint64>(intervalMs, std::max<qint64>(1, deadline.remainingTime())));
        intervalMs = std::min(intervalMs * 3 / 2, 1000);
    }

    const Task& task = details->task;
    if (parser.isSet(jsonOption())) {
        QJsonObject o = taskToJson(task);
        QJsonArray runs;
        for (const TaskRun& run : std::as_const(details->runs))
            runs.append(runToJson(run));
        o[u"runs"] = runs;
        printJson(QJsonDocument(o));
    } else {
        m_out << tr("task %1: %2").arg(task.id).arg(stateName(task.displayState)) << '\n';
        m_out << tr("  handler %1 · queue %2 · priority %3").arg(task.handler, task.queue).arg(task.priority) << '\n';
        m_out << tr("  attempts %1 of %2").arg(task.attempts).arg(task.maxAttempts) << '\n';
        if (!task.uniqueKey.isEmpty())
            m_out << tr("  unique key %1").arg(task.uniqueKey) << '\n';
        m_out << tr("  created %1 · run at %2").arg(isoUtc(task.createdAt), isoUtc(task.runAt)) << '\n';
        if (task.startedAt.isValid())
            m_out << tr("  started %1").arg(isoUtc(task.startedAt)) << '\n';
        if (task.finishedAt.isValid())
            m_out << tr("  finished %1").arg(isoUtc(task.finishedAt)) << '\n';
        if (task.state == TaskState::Running)
            m_out << tr("  running on %1, lease until %2%3")
                         .arg(task.lockedBy, isoUtc(task.lockedUntil),
                              task.cancelRequested ? tr(" (cancellation requested)") : QString())
                  << '\n';
        m_out << tr("  payload %1").arg(task.payload) << '\n';
        if (!task.lastError.isEmpty())
            m_out << tr("  last error %1").arg(task.lastError) << '\n';
        if (!task.result.isEmpty())
            m_out << tr("  result %1").arg(task.result) << '\n';
        if (!details->runs.isEmpty()) {
            m_out << tr("runs:") << '\n';
            for (const TaskRun& run : std::as_const(details->runs)) {
                m_out << QStringLiteral("  #%1 %2 %3 %4 %5")
                             .arg(run.attempt)
                             .arg(outcomeName(run.outcome), -9)
                             .arg(run.durationMs ? formatDurationMs(*run.durationMs) : QStringLiteral("-"), -7)
                             .arg(isoUtc(run.finishedAt), run.worker);
                if (!run.message.isEmpty())
                    m_out << QStringLiteral("  ") << oneLine(run.message, 200);
                m_out << '\n';
            }
        }
        m_out.flush();
    }
    switch (task.state) {
    case TaskState::Succeeded:
        return int(ExitCode::Ok);
    case TaskState::Failed:
    case TaskState::Cancelled:
        return int(ExitCode::TaskFailed);
    case TaskState::Pending:
    case TaskState::Running:
        break;
    }
    if (parser.isSet(wait))
        m_err << tr("task %1 has not finished within the timeout; it is %2").arg(id).arg(stateName(task.displayState))
              << Qt::endl;
    return int(ExitCode::NotFinished);
}

} // namespace taskdeck
