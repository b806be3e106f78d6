// taskdeckctl list: tasks by filter, a page at a time, as text, JSON or CSV.

#include "app/ctl/commands/ListCommand.h"

#include "app/ctl/CtlOutput.h"
#include "app/ctl/SignalWatcher.h"
#include "app/ctl/TaskFilterOptions.h"
#include "export/TaskCsvExport.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace taskdeck {

int ListCommand::run(const Invocation& context)
{
    QCommandLineParser parser;
    TaskFilterOptions filterOptions;
    filterOptions.addTo(parser, true);
    const QCommandLineOption limit(QStringLiteral("limit"), tr("Tasks per page (default 50)."), QStringLiteral("N"));
    const QCommandLineOption after(QStringLiteral("after"), tr("Continue after this cursor from a previous page."),
                                   QStringLiteral("CURSOR"));
    const QCommandLineOption sort(QStringLiteral("sort"), tr("Sort by id (default), run_at, created_at or priority."),
                                  QStringLiteral("KEY"));
    const QCommandLineOption ascending(QStringLiteral("asc"), tr("Oldest or lowest first (default: newest first)."));
    const QCommandLineOption csv(QStringLiteral("csv"),
                                 tr("Every matching task as CSV (all pages; --limit is the page size)."));
    const QCommandLineOption output(QStringLiteral("output"),
                                    tr("With --csv: write to FILE, which appears only when the export is whole."),
                                    QStringLiteral("FILE"));
    parser.addOptions({limit, after, sort, ascending, csv, output, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QString(), tr("List tasks, newest first, a page at a time."), &code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(context.command, tr("list takes options only, e.g. --state failed --queue emails"));
    auto filter = filterOptions.read(parser);
    if (!filter)
        return usageError(context.command, filter.error().message);
    TaskQuery query;
    query.filter = *filter;
    // A page on the screen, or the page size of a CSV export, which takes every page.
    query.limit = parser.isSet(csv) ? 1'000 : 50;
    if (parser.isSet(limit)) {
        bool ok = false;
        query.limit = parser.value(limit).toInt(&ok);
        if (!ok || query.limit < 1 || query.limit > 10000)
            return usageError(context.command, tr("--limit needs a number from 1 to 10000"));
    }
    if (parser.isSet(sort)) {
        const QString key = parser.value(sort);
        if (key == QLatin1String("id"))
            query.sortKey = TaskQuery::SortKey::Id;
        else if (key == QLatin1String("run_at"))
            query.sortKey = TaskQuery::SortKey::RunAt;
        else if (key == QLatin1String("created_at"))
            query.sortKey = TaskQuery::SortKey::CreatedAt;
        else if (key == QLatin1String("priority"))
            query.sortKey = TaskQuery::SortKey::Priority;
        else
            return usageError(context.command, tr("--sort takes id, run_at, created_at or priority"));
    }
    query.descending = !parser.isSet(ascending);
    query.afterCursor = parser.value(after);

    if (parser.isSet(output) && !parser.isSet(csv))
        return usageError(context.command, tr("--output goes with --csv"));
    if (parser.isSet(csv) && parser.isSet(jsonOption()))
        return usageError(context.command, tr("choose --csv or --json"));

    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    if (parser.isSet(csv))
        return writeCsv(**store, query, parser.value(output));
    auto page = (*store)->listTasks(query);
    if (!page)
        return fail(page.error());
    if (parser.isSet(jsonOption())) {
        QJsonArray tasks;
        for (const Task& task : std::as_const(page->tasks))
            tasks.append(taskToJson(task));
        QJsonObject o;
        o[u"tasks"] = tasks;
        o[u"next_cursor"] = page->nextCursor.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(page->nextCursor);
        printJson(QJsonDocument(o));
        return int(ExitCode::Ok);
    }
    m_out << QStringLiteral("%1  %2 %3 %4 %5 %6  %7\n")
                 .arg(tr("ID"), 10)
                 .arg(tr("STATE"), -10)
                 .arg(tr("QUEUE"), -14)
                 .arg(tr("HANDLER"), -22)
                 .arg(tr("TRIES"), -6)
                 .arg(tr("RUN AT (UTC)"), -24)
                 .arg(tr("LAST ERROR"));
    for (const Task& task : std::as_const(page->tasks)) {
        m_out << QStringLiteral("%1  %2 %3 %4 %5 %6  %7\n")
                     .arg(task.id, 10)
                     .arg(stateName(task.displayState), -10)
                     .arg(oneLine(task.queue, 14), -14)
                     .arg(oneLine(task.handler, 22), -22)
                     .arg(QStringLiteral("%1/%2").arg(task.attempts).arg(task.maxAttempts), -6)
                     .arg(isoUtc(task.runAt), -24)
                     .arg(oneLine(task.lastError, 60));
    }
    m_out.flush();
    if (page->tasks.isEmpty())
        m_err << tr("no tasks match") << Qt::endl;
    if (!page->nextCursor.isEmpty())
        m_err << tr("more tasks follow: add --after %1").arg(page->nextCursor) << Qt::endl;
    return int(ExitCode::Ok);
}

int ListCommand::writeCsv(TaskStore& store, const TaskQuery& query, const QString& path)
{
    TaskCsvExport::Hooks hooks;
    qint64 lastShown = 0;
    if (!path.isEmpty()) {
        hooks.progress = [this, &lastShown](qint64 rows) {
            if (rows - lastShown >= 10'000) {
                m_err << tr("exported %1 tasks…").arg(rows) << Qt::endl;
                lastShown = rows;
            }
        };
    }
    // Ctrl-C or SIGTERM stops the export after the current page, so that --output leaves no partial or temporary file.
    SignalWatcher stopSignals;
    bool stop = false;
    QObject::connect(&stopSignals, &SignalWatcher::stopRequested, &stopSignals, [&stop] { stop = true; });
    hooks.interrupted = [&stop] {
        QCoreApplication::processEvents();
        return stop;
    };
    Result<qint64> rows = path.isEmpty() ? TaskCsvExport::write(
                                               store, query,
                                               [this](const QByteArray& bytes, QString* error) {
                                                   m_out << QString::fromUtf8(bytes);
                                                   m_out.flush();
                                                   if (m_out.status() == QTextStream::Ok)
                                                       return true;
                                                   *error = tr("standard output refused the data");
                                                   return false;
                                               },
                                               hooks)
                                         : TaskCsvExport::writeFile(store, query, path, hooks);
    if (!rows)
        return fail(rows.error());
    if (!path.isEmpty())
        m_err << tr("exported %1 tasks to %2").arg(*rows).arg(path) << Qt::endl;
    return int(ExitCode::Ok);
}

} // namespace taskdeck
