// taskdeckctl retry, delete and cancel: operator actions on tasks given by id or matching a filter.

#include "app/ctl/commands/BulkActionCommands.h"

#include "app/ctl/CtlOutput.h"
#include "app/ctl/TaskFilterOptions.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>

namespace taskdeck {

// What differs between retry and delete; everything else — choosing the tasks, the batches, the progress line, the
// audit's description, the output — is one path (runBulkAction).
struct BulkActionCommands::BulkAction
{
    QString description; // the command's help
    QString idsOrFilter; // the usage error when both or neither are given
    QString needsState; // the usage error for a filter without --state
    // Refuses states the action does not apply to (a usage error), or empty.
    std::function<QString(DisplayState)> refuseState;
    QString progress; // "retrying: %1 of %2"
    QString jsonKey; // "retried"
    QString summary; // "retried %1 of %2 tasks"
    QString shortfall; // said when fewer than matched were changed, or empty
    std::function<Result<qint64>(TaskStore&, const QList<qint64>&, const QString&, const ProgressCallback&)> apply;
};

int BulkActionCommands::run(const Invocation& context)
{
    if (context.command == QLatin1String("retry"))
        return runRetry(context);
    if (context.command == QLatin1String("delete"))
        return runDelete(context);
    if (context.command == QLatin1String("cancel"))
        return runCancel(context);
    Q_UNREACHABLE();
    return int(ExitCode::Error);
}

int BulkActionCommands::runRetry(const Invocation& context)
{
    BulkAction retry;
    retry.description = tr("Send failed or cancelled tasks back to the queue with a fresh set of attempts: the tasks "
                           "given by id, or all that match --state (failed or cancelled) and the other filters.");
    retry.idsOrFilter = tr("give task ids, or --state failed|cancelled (with --queue / --handler), "
                           "not both");
    retry.needsState = tr("retrying by filter needs --state failed or --state cancelled");
    retry.refuseState = [](DisplayState state) {
        return state == DisplayState::Failed || state == DisplayState::Cancelled
            ? QString()
            : tr("only failed or cancelled tasks can be retried, not %1").arg(stateName(state));
    };
    retry.progress = tr("retrying: %1 of %2");
    retry.jsonKey = QStringLiteral("retried");
    retry.summary = tr("retried %1 of %2 tasks");
    retry.shortfall = tr("the others were not failed or cancelled (any more), or no longer exist");
    retry.apply = [](TaskStore& store, const QList<qint64>& ids, const QString& description,
                     const ProgressCallback& progress) { return store.retryTasks(ids, description, progress); };
    return runBulkAction(context, retry);
}

int BulkActionCommands::runDelete(const Invocation& context)
{
    BulkAction remove;
    remove.description = tr("Delete tasks: the tasks given by id, or all that match --state and the other filters. "
                            "Their runs and the statistics stay.");
    remove.idsOrFilter = tr("give task ids, or --state S (with --queue / --handler), not both");
    remove.needsState = tr("deleting by filter needs --state, e.g. --state failed");
    remove.refuseState = [](DisplayState) { return QString(); };
    remove.progress = tr("deleting: %1 of %2");
    remove.jsonKey = QStringLiteral("deleted");
    remove.summary = tr("deleted %1 of %2 tasks");
    remove.apply = [](TaskStore& store, const QList<qint64>& ids, const QString& description,
                      const ProgressCallback& progress) { return store.deleteTasks(ids, description, progress); };
    return runBulkAction(context, remove);
}

int BulkActionCommands::runBulkAction(const Invocation& context, const BulkAction& action)
{
    QCommandLineParser parser;
    TaskFilterOptions filterOptions;
    filterOptions.addTo(parser, false);
    parser.addOption(jsonOption());
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("[ID...]"), action.description, &code))
        return code;
    auto ids = parseTaskIds(parser.positionalArguments());
    if (!ids)
        return usageError(context.command, ids.error().message);
    auto filter = filterOptions.read(parser);
    if (!filter)
        return usageError(context.command, filter.error().message);
    const bool byFilter = !filter->states.isEmpty() || !filter->queues.isEmpty() || !filter->handlers.isEmpty();
    if (ids->isEmpty() == !byFilter)
        return usageError(context.command, action.idsOrFilter);
    if (byFilter) {
        if (filter->states.isEmpty())
            return usageError(context.command, action.needsState);
        for (DisplayState state : std::as_const(filter->states)) {
            if (const QString refusal = action.refuseState(state); !refusal.isEmpty())
                return usageError(context.command, refusal);
        }
    }
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    // The tasks that match now: the action applies to this snapshot, not to whatever matches later.
    QList<qint64> targets = *ids;
    QString description;
    if (byFilter) {
        auto matched = (*store)->selectTaskIds(*filter);
        if (!matched)
            return fail(matched.error());
        targets = *matched;
        description = tr("by filter from taskdeckctl");
    }
    const bool showProgress = targets.size() > TaskStore::kBatchSize && !parser.isSet(jsonOption());
    auto done = action.apply(**store, targets, description, [&](qint64 doneCount, qint64 total) {
        if (showProgress)
            m_err << '\r' << action.progress.arg(doneCount).arg(total) << Qt::flush;
        return true;
    });
    if (showProgress)
        m_err << Qt::endl;
    if (!done)
        return fail(done.error());
    if (parser.isSet(jsonOption())) {
        QJsonObject o;
        o[u"matched"] = qint64(targets.size());
        o[action.jsonKey] = *done;
        printJson(QJsonDocument(o));
    } else {
        m_out << action.summary.arg(*done).arg(targets.size()) << Qt::endl;
        if (*done < targets.size() && !action.shortfall.isEmpty())
            m_err << action.shortfall << Qt::endl;
    }
    return int(ExitCode::Ok);
}

int BulkActionCommands::runCancel(const Invocation& context)
{
    QCommandLineParser parser;
    const QCommandLineOption uniqueKey(QStringLiteral("unique-key"), tr("Cancel the task with this unique key."),
                                       QStringLiteral("K"));
    parser.addOptions({uniqueKey, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("[ID...]"),
                      tr("Cancel tasks: pending ones at once; running ones are asked to stop and end as cancelled."),
                      &code))
        return code;
    auto ids = parseTaskIds(parser.positionalArguments());
    if (!ids)
        return usageError(context.command, ids.error().message);
    if (ids->isEmpty() == !parser.isSet(uniqueKey))
        return usageError(context.command, tr("give task ids or --unique-key K, not both"));
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    auto report =
        parser.isSet(uniqueKey) ? (*store)->cancelByUniqueKey(parser.value(uniqueKey)) : (*store)->cancelTasks(*ids);
    if (!report) {
        if (report.error().code == ErrorCode::NotFound) {
            m_err << "taskdeckctl: " << report.error().message << Qt::endl;
            return int(ExitCode::NoSuchTask);
        }
        return fail(report.error());
    }
    if (parser.isSet(jsonOption())) {
        QJsonObject o;
        o[u"cancelled"] = report->cancelled;
        o[u"stop_requested"] = report->requested;
        printJson(QJsonDocument(o));
    } else {
        m_out << tr("cancelled %1 pending task(s); asked %2 running task(s) to stop")
                     .arg(report->cancelled)
                     .arg(report->requested)
              << Qt::endl;
    }
    return int(ExitCode::Ok);
}

} // namespace taskdeck
