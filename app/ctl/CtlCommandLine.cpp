#include "app/ctl/CtlCommandLine.h"

#include "app/ctl/CtlOutput.h"
#include "app/ctl/MetricsServer.h"
#include "app/ctl/SignalWatcher.h"
#include "app/ctl/TaskFilterOptions.h"
#include "common/Duration.h"
#include "demo/DemoWorkload.h"
#include "executor/Dispatcher.h"
#include "executor/ProcessHandler.h"
#include "executor/WorkerConfig.h"
#include "export/TaskCsvExport.h"
#include "store/TaskStore.h"
#ifdef Q_OS_WIN
#include "app/ctl/WindowsService.h"
#endif

#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <map>

namespace taskdeck {

CtlCommandLine::CtlCommandLine(QTextStream& out, QTextStream& err, QIODevice* in)
    : m_out(out)
    , m_err(err)
    , m_in(in)
{ }

int CtlCommandLine::run(const QStringList& arguments)
{
    Context context;
    qsizetype i = 1;
    for (; i < arguments.size(); ++i) {
        const QString& arg = arguments.at(i);
        if (arg == QLatin1String("--db")) {
            if (i + 1 >= arguments.size())
                return usageError(QString(), tr("--db needs a value, e.g. --db sqlite:/var/lib/taskdeck/tasks.db"));
            context.dbFromGlobalOption = arguments.at(++i);
        } else if (arg.startsWith(QLatin1String("--db="))) {
            context.dbFromGlobalOption = arg.mid(5);
        } else if (arg == QLatin1String("-h") || arg == QLatin1String("--help") || arg == QLatin1String("help")) {
            printGlobalHelp();
            return int(ExitCode::Ok);
        } else if (arg == QLatin1String("-v") || arg == QLatin1String("--version")) {
            m_out << "taskdeckctl " << TASKDECK_VERSION_STRING << Qt::endl;
            return int(ExitCode::Ok);
        } else if (arg.startsWith(QLatin1Char('-'))) {
            return usageError(QString(), tr("unknown option '%1' before the command").arg(arg));
        } else {
            break;
        }
    }
    if (i >= arguments.size()) {
        printGlobalHelp();
        return int(ExitCode::Usage);
    }
    context.command = arguments.at(i);
    context.arguments = arguments.mid(i + 1);

    using Runner = int (CtlCommandLine::*)(const Context&);
    static const std::map<QString, Runner> commands{
        {QStringLiteral("init"), &CtlCommandLine::runInit},
        {QStringLiteral("enqueue"), &CtlCommandLine::runEnqueue},
        {QStringLiteral("status"), &CtlCommandLine::runStatus},
        {QStringLiteral("list"), &CtlCommandLine::runList},
        {QStringLiteral("retry"), &CtlCommandLine::runRetry},
        {QStringLiteral("delete"), &CtlCommandLine::runDelete},
        {QStringLiteral("cancel"), &CtlCommandLine::runCancel},
        {QStringLiteral("stats"), &CtlCommandLine::runStats},
        {QStringLiteral("demo"), &CtlCommandLine::runDemo},
        {QStringLiteral("worker"), &CtlCommandLine::runWorker},
        {QStringLiteral("queue"), &CtlCommandLine::runQueue},
        {QStringLiteral("schedule"), &CtlCommandLine::runSchedule},
        {QStringLiteral("subscribe"), &CtlCommandLine::runSubscribe},
        {QStringLiteral("unsubscribe"), &CtlCommandLine::runUnsubscribe},
        {QStringLiteral("subscriptions"), &CtlCommandLine::runSubscriptions},
        {QStringLiteral("publish"), &CtlCommandLine::runPublish},
        {QStringLiteral("retention"), &CtlCommandLine::runRetention},
        {QStringLiteral("audit"), &CtlCommandLine::runAudit},
        {QStringLiteral("search-index"), &CtlCommandLine::runSearchIndex},
        {QStringLiteral("agent"), &CtlCommandLine::runAgent},
    };
    const auto found = commands.find(context.command);
    if (found == commands.end())
        return usageError(QString(), tr("unknown command '%1'").arg(context.command));
    const int code = (this->*(found->second))(context);
    m_out.flush();
    m_err.flush();
    return code;
}

void CtlCommandLine::printGlobalHelp()
{
    m_out << tr("Usage: taskdeckctl [--db URL] COMMAND [options]\n"
                "\n"
                "TaskDeck: a task queue in the SQL database you already run.\n"
                "\n"
                "Commands:\n"
                "  init                     create or upgrade the schema\n"
                "  enqueue HANDLER          add a task (prints its id)\n"
                "  status ID                show a task; --wait waits until it finishes\n"
                "  list                     list tasks with filters and paging\n"
                "  retry ID...|--state S    retry failed or cancelled tasks\n"
                "  delete ID...|--state S   delete tasks\n"
                "  cancel ID...|--unique-key K   cancel pending or running tasks\n"
                "  stats                    counts per state and queue, recent throughput, workers\n"
                "  worker --config FILE     run tasks: the handlers in FILE, until stopped (or --once, --drain)\n"
                "  queue list|pause|resume|set   queue settings: pause, concurrency limit, retries, timeout\n"
                "  schedule add|list|enable|disable|remove|run-now   recurring tasks (cron in a time zone)\n"
                "  subscribe EVENT HANDLER  one task for HANDLER whenever EVENT is published\n"
                "  unsubscribe EVENT HANDLER, subscriptions [EVENT]\n"
                "  publish EVENT            one task per subscription, in one transaction\n"
                "  retention [show|set|prune]   how long finished work is kept\n"
                "  audit                    who did what: retries, deletes, cancels, pauses, schedule changes\n"
                "  search-index [status|create|drop]   an index for literal text search (PostgreSQL)\n"
                "  agent list|show|retry|delete|stats   SQL Server Agent one-off jobs (the async-task pattern)\n"
                "  demo                     fill the database with sample tasks and process them\n"
                "\n"
                "Database locators (--db or TASKDECK_DB):\n"
                "  sqlite:PATH                        an embedded database file\n"
                "  odbc:CONNECTION-STRING             e.g. odbc:DSN=tasks\n"
                "  postgresql://USER@HOST:PORT/DB     native PostgreSQL\n"
                "Without one, the embedded database at %1 is used (created on first use).\n"
                "Give passwords in TASKDECK_DB_PASSWORD, not on the command line.\n"
                "\n"
                "Durations accept 250ms, 30s, 5m, 1h or plain seconds. 'taskdeckctl COMMAND --help' shows a "
                "command's options.\n"
                "Exit codes: 0 ok, 1 error, 2 wrong usage (nothing written), 3 task failed or cancelled, 4 task not "
                "finished, 5 no such task.\n")
                 .arg(Locator::defaultEmbeddedPath());
}

int CtlCommandLine::usageError(const QString& command, const QString& message)
{
    const QString prefix = command.isEmpty() ? QStringLiteral("taskdeckctl") : QStringLiteral("taskdeckctl ") + command;
    m_err << prefix << ": " << message << '\n';
    m_err << tr("Try '%1 --help'.").arg(prefix) << Qt::endl;
    return int(ExitCode::Usage);
}

int CtlCommandLine::fail(const Error& error)
{
    m_err << "taskdeckctl: " << error.message << Qt::endl;
    switch (error.code) {
    case ErrorCode::InvalidArgument:
        return int(ExitCode::Usage);
    default:
        return int(ExitCode::Error);
    }
}

void CtlCommandLine::printJson(const QJsonDocument& document)
{
    m_out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    m_out.flush();
}

bool CtlCommandLine::parseCommand(QCommandLineParser& parser, const Context& context, const QString& positionalSyntax,
                                  const QString& description, int* exitCode)
{
    parser.setApplicationDescription(description);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser.addOption(dbOption());
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    parser.addOption(help);
    if (!positionalSyntax.isEmpty())
        parser.addPositionalArgument(QStringLiteral("args"), QString(), positionalSyntax);
    if (!parser.parse(QStringList{QStringLiteral("taskdeckctl ") + context.command} + context.arguments)) {
        *exitCode = usageError(context.command, parser.errorText());
        return false;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(QLatin1String("[options] args"), QLatin1String("[options] ") + positionalSyntax);
        m_out << text;
        *exitCode = int(ExitCode::Ok);
        return false;
    }
    return true;
}

Result<Locator> CtlCommandLine::resolveLocator(const QCommandLineParser& parser, const Context& context,
                                               bool* isDefault)
{
    *isDefault = false;
    QString text;
    bool fromCommandLine = false;
    if (parser.isSet(dbOption())) {
        text = parser.value(dbOption());
        fromCommandLine = true;
    } else if (context.dbFromGlobalOption) {
        text = *context.dbFromGlobalOption;
        fromCommandLine = true;
    } else {
        text = qEnvironmentVariable("TASKDECK_DB");
    }
    if (text.trimmed().isEmpty()) {
        *isDefault = true;
        return Locator::defaultEmbedded();
    }
    auto locator = Locator::parse(text);
    if (!locator)
        return locator.error();
    const bool passwordInLocator = (locator->kind() == Locator::Kind::PostgreSql && !locator->password().isEmpty()) ||
        (locator->kind() == Locator::Kind::Odbc && locator->odbcHasPassword());
    if (fromCommandLine && passwordInLocator)
        m_err << tr("warning: a password on the command line can be read by other users of this machine; put it in "
                    "TASKDECK_DB_PASSWORD instead")
              << Qt::endl;
    return locator;
}

Result<std::unique_ptr<TaskStore>> CtlCommandLine::openStore(const QCommandLineParser& parser, const Context& context,
                                                             bool createOrUpgrade)
{
    bool isDefault = false;
    auto locator = resolveLocator(parser, context, &isDefault);
    if (!locator)
        return locator.error();
    // The embedded default is created on first use; any other database is created only by `init`.
    const SchemaMode mode = (createOrUpgrade || isDefault) ? SchemaMode::CreateOrUpgrade : SchemaMode::Require;
    return TaskStore::open(*locator, StoreOptions{}, mode);
}

// ---------------------------------------------------------------------------------------------------------------

int CtlCommandLine::runInit(const Context& context)
{
    QCommandLineParser parser;
    parser.addOption(jsonOption());
    int code = 0;
    if (!parseCommand(parser, context, QString(),
                      tr("Create the TaskDeck schema, or upgrade it to this version. "
                         "Safe to run again."),
                      &code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(context.command, tr("init takes no arguments"));
    auto store = openStore(parser, context, true);
    if (!store)
        return fail(store.error());
    const SchemaInfo info = (*store)->schemaInfo();
    if (parser.isSet(jsonOption())) {
        QJsonObject o;
        o[u"database"] = (*store)->locator().redacted();
        o[u"schema_version"] = info.databaseVersion;
        o[u"oldest_compatible"] = info.oldestCompatible;
        printJson(QJsonDocument(o));
    } else {
        m_out << tr("%1: schema version %2 is ready").arg((*store)->locator().redacted()).arg(info.databaseVersion)
              << Qt::endl;
    }
    return int(ExitCode::Ok);
}

Result<QString> CtlCommandLine::readPayloadOption(const QString& value)
{
    if (value == QLatin1String("-")) {
        if (!m_in)
            return makeError(ErrorCode::InvalidArgument, tr("--payload - reads standard input, but there is none"));
        return QString::fromUtf8(m_in->readAll());
    }
    if (value.startsWith(QLatin1Char('@'))) {
        QFile file(value.mid(1));
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::InvalidArgument,
                             tr("cannot read the payload file %1: %2").arg(value.mid(1), file.errorString()));
        return QString::fromUtf8(file.readAll());
    }
    return value;
}

int CtlCommandLine::runEnqueue(const Context& context)
{
    QCommandLineParser parser;
    const QCommandLineOption payload(QStringLiteral("payload"),
                                     tr("The task's data as JSON, @FILE to read it from a file, or - for standard "
                                        "input."),
                                     QStringLiteral("JSON"));
    const QCommandLineOption queue(QStringLiteral("queue"), tr("Queue (default: default)."), QStringLiteral("Q"));
    const QCommandLineOption priority(QStringLiteral("priority"), tr("Higher runs first (default 0)."),
                                      QStringLiteral("N"));
    const QCommandLineOption delay(QStringLiteral("delay"), tr("Run after this long."), QStringLiteral("D"));
    const QCommandLineOption runAt(QStringLiteral("run-at"),
                                   tr("Run at this time (ISO 8601; without an offset, local time)."),
                                   QStringLiteral("ISO8601"));
    const QCommandLineOption maxAttempts(QStringLiteral("max-attempts"),
                                         tr("Attempts before the task fails for good (default: the queue's, else 5)."),
                                         QStringLiteral("N"));
    const QCommandLineOption uniqueKey(QStringLiteral("unique-key"),
                                       tr("At most one task with this key exists; enqueueing it again returns the "
                                          "existing task's id."),
                                       QStringLiteral("K"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), tr("Time limit of one run."), QStringLiteral("D"));
    parser.addOptions({payload, queue, priority, delay, runAt, maxAttempts, uniqueKey, timeout, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("HANDLER"), tr("Add a task for HANDLER and print its id."),
                      &code))
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(context.command,
                          tr("give exactly one HANDLER, e.g. taskdeckctl enqueue email.send "
                             "--payload '{\"to\": \"a@example.com\"}'"));

    EnqueueRequest request;
    request.handler = positional.first();
    if (parser.isSet(queue))
        request.queue = parser.value(queue);
    if (parser.isSet(priority)) {
        bool ok = false;
        request.priority = parser.value(priority).toInt(&ok);
        if (!ok)
            return usageError(context.command,
                              tr("--priority needs a whole number, got '%1'").arg(parser.value(priority)));
    }
    if (parser.isSet(delay) && parser.isSet(runAt))
        return usageError(context.command, tr("give either --delay or --run-at, not both"));
    if (parser.isSet(delay)) {
        auto ms = parseDurationMs(parser.value(delay));
        if (!ms)
            return usageError(context.command, ms.error().message);
        request.delayMs = *ms;
    }
    if (parser.isSet(runAt)) {
        QDateTime when = QDateTime::fromString(parser.value(runAt), Qt::ISODateWithMs);
        if (!when.isValid())
            return usageError(
                context.command,
                tr("--run-at needs an ISO 8601 time such as 2026-05-01T08:30:00Z, got '%1'").arg(parser.value(runAt)));
        request.runAt = when.toUTC();
    }
    if (parser.isSet(maxAttempts)) {
        bool ok = false;
        request.maxAttempts = parser.value(maxAttempts).toInt(&ok);
        if (!ok)
            return usageError(context.command,
                              tr("--max-attempts needs a whole number, got '%1'").arg(parser.value(maxAttempts)));
    }
    if (parser.isSet(timeout)) {
        auto ms = parseDurationMs(parser.value(timeout));
        if (!ms)
            return usageError(context.command, ms.error().message);
        request.timeoutS = int(std::max<qint64>(1, (*ms + 999) / 1000));
    }
    if (parser.isSet(uniqueKey))
        request.uniqueKey = parser.value(uniqueKey);
    if (parser.isSet(payload)) {
        auto text = readPayloadOption(parser.value(payload));
        if (!text)
            return usageError(context.command, text.error().message);
        request.payload = *text;
    }

    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    auto result = (*store)->enqueue(request);
    if (!result)
        return fail(result.error());
    if (parser.isSet(jsonOption())) {
        QJsonObject o;
        o[u"id"] = result->id;
        o[u"created"] = result->created;
        printJson(QJsonDocument(o));
    } else {
        m_out << result->id << Qt::endl;
    }
    if (!result->created)
        m_err << tr("a task with unique key '%1' already exists: %2 is its id (nothing new was enqueued)")
                     .arg(request.uniqueKey)
                     .arg(result->id)
              << Qt::endl;
    return int(ExitCode::Ok);
}

int CtlCommandLine::runStatus(const Context& context)
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

int CtlCommandLine::runList(const Context& context)
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

int CtlCommandLine::writeCsv(TaskStore& store, const TaskQuery& query, const QString& path)
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

int CtlCommandLine::runStats(const Context& context)
{
    QCommandLineParser parser;
    const QCommandLineOption since(QStringLiteral("since"), tr("Throughput over this last period (default 1h)."),
                                   QStringLiteral("D"));
    parser.addOptions({since, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QString(), tr("Task counts per state and queue, and recent throughput."), &code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(context.command, tr("stats takes options only"));
    qint64 windowMs = 3600 * 1000;
    if (parser.isSet(since)) {
        auto ms = parseDurationMs(parser.value(since));
        if (!ms)
            return usageError(context.command, ms.error().message);
        windowMs = *ms;
    }
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    return printStats(**store, windowMs, parser.isSet(jsonOption()));
}

int CtlCommandLine::printStats(TaskStore& store, qint64 windowMs, bool json)
{
    auto counts = store.countTasks();
    if (!counts)
        return fail(counts.error());
    auto now = store.databaseTime();
    if (!now)
        return fail(now.error());
    // Per-minute statistics are kept for at least a day; a longer window is read from the hourly ones, from the top
    // of its first hour.
    QDateTime since = now->addMSecs(-windowMs);
    qint64 bucketMs = 60'000;
    if (windowMs > 24 * 3'600'000LL) {
        bucketMs = 3'600'000;
        since = QDateTime::fromMSecsSinceEpoch(since.toMSecsSinceEpoch() / bucketMs * bucketMs, Qt::UTC);
    }
    auto rows = store.stats(since, bucketMs);
    if (!rows)
        return fail(rows.error());
    auto workers = store.workers();
    if (!workers)
        return fail(workers.error());
    auto orphaned = store.handlersWithoutWorker();
    if (!orphaned)
        return fail(orphaned.error());

    const QStringList states = displayStateNames();
    std::map<QString, std::map<QString, qint64>> byQueue;
    std::map<QString, qint64> totals;
    for (const StateCount& c : std::as_const(*counts)) {
        byQueue[c.queue][stateName(c.state)] += c.count;
        totals[stateName(c.state)] += c.count;
    }
    struct Throughput
    {
        qint64 count = 0;
        qint64 durationMs = 0;
        qint64 latencyMs = 0;
    };
    std::map<QString, std::map<QString, Throughput>> throughput; // queue → outcome
    for (const StatsRow& r : std::as_const(*rows)) {
        Throughput& t = throughput[r.queue][outcomeName(r.outcome)];
        t.count += r.count;
        t.durationMs += r.durationMsSum;
        t.latencyMs += r.latencyMsSum;
    }

    if (json) {
        QJsonObject queues;
        for (const auto& [queue, perState] : byQueue) {
            QJsonObject o;
            for (const QString& state : states)
                o[state] = perState.count(state) ? perState.at(state) : 0;
            queues[queue] = o;
        }
        QJsonObject total;
        for (const QString& state : states)
            total[state] = totals.count(state) ? totals.at(state) : 0;
        QJsonObject recent;
        for (const auto& [queue, perOutcome] : throughput) {
            QJsonObject q;
            for (const auto& [outcome, t] : perOutcome) {
                QJsonObject o;
                o[u"count"] = t.count;
                o[u"avg_duration_ms"] = t.count ? double(t.durationMs) / t.count : 0.0;
                o[u"avg_queue_latency_ms"] = t.count ? double(t.latencyMs) / t.count : 0.0;
                q[outcome] = o;
            }
            recent[queue] = q;
        }
        QJsonObject o;
        o[u"counts"] = queues;
        o[u"totals"] = total;
        o[u"window_ms"] = windowMs;
        o[u"throughput"] = recent;
        QJsonArray workerList;
        for (const WorkerInfo& w : std::as_const(*workers)) {
            QJsonObject wo;
            wo[u"id"] = w.id;
            wo[u"host"] = w.host;
            wo[u"pid"] = w.pid;
            wo[u"handlers"] = QJsonArray::fromStringList(w.handlers);
            wo[u"queues"] = QJsonArray::fromStringList(w.queues);
            wo[u"concurrency"] = w.concurrency;
            wo[u"in_flight"] = w.inFlight;
            wo[u"heartbeat_at"] = jsonTime(w.heartbeatAt);
            wo[u"stopping"] = w.stopping;
            workerList.append(wo);
        }
        o[u"workers"] = workerList;
        o[u"handlers_without_worker"] = QJsonArray::fromStringList(*orphaned);
        printJson(QJsonDocument(o));
        return int(ExitCode::Ok);
    }

    m_out << QStringLiteral("%1").arg(tr("QUEUE"), -16);
    for (const QString& state : states)
        m_out << QStringLiteral(" %1").arg(state, 10);
    m_out << '\n';
    auto printRow = [&](const QString& name, const std::map<QString, qint64>& perState) {
        m_out << QStringLiteral("%1").arg(oneLine(name, 16), -16);
        for (const QString& state : states)
            m_out << QStringLiteral(" %1").arg(perState.count(state) ? perState.at(state) : 0, 10);
        m_out << '\n';
    };
    for (const auto& [queue, perState] : byQueue)
        printRow(queue, perState);
    printRow(tr("(all)"), totals);
    m_out << '\n' << tr("Runs in the last %1:").arg(formatDurationMs(windowMs)) << '\n';
    if (throughput.empty())
        m_out << tr("  none") << '\n';
    for (const auto& [queue, perOutcome] : throughput) {
        QStringList parts;
        for (const auto& [outcome, t] : perOutcome) {
            QString part = QStringLiteral("%1 %2").arg(outcome).arg(t.count);
            if (t.count && outcome != QLatin1String("lost"))
                part += tr(" (avg %1, waited %2)")
                            .arg(formatDurationMs(t.durationMs / t.count), formatDurationMs(t.latencyMs / t.count));
            parts << part;
        }
        m_out << QStringLiteral("  %1: ").arg(queue) << parts.join(QLatin1String(", ")) << '\n';
    }
    m_out << '\n' << tr("Workers: %1").arg(workers->size()) << '\n';
    for (const WorkerInfo& w : std::as_const(*workers))
        m_out << tr("  %1  %2/%3 busy%4, handlers %5")
                     .arg(w.id)
                     .arg(w.inFlight)
                     .arg(w.concurrency)
                     .arg(w.stopping ? tr(", stopping") : QString(), w.handlers.join(u", "))
              << '\n';
    if (!orphaned->isEmpty())
        m_out << tr("Pending tasks wait for handlers that no live worker offers: %1").arg(orphaned->join(u", "))
              << '\n';
    m_out.flush();
    return int(ExitCode::Ok);
}

int CtlCommandLine::runDemo(const Context& context)
{
    QCommandLineParser parser;
    const QCommandLineOption count(QStringLiteral("tasks"), tr("How many tasks to enqueue (default 60)."),
                                   QStringLiteral("N"));
    parser.addOption(count);
    int code = 0;
    if (!parseCommand(parser, context, QString(),
                      tr("Enqueue sample tasks (order cancellations, report exports, loyalty points, notifications) "
                         "and process them here, showing retries with backoff and the dead-letter state."),
                      &code))
        return code;
    int total = 60;
    if (parser.isSet(count)) {
        bool ok = false;
        total = parser.value(count).toInt(&ok);
        if (!ok || total < 1 || total > 100000)
            return usageError(context.command, tr("--tasks needs a number from 1 to 100000"));
    }
    bool isDefault = false;
    auto locator = resolveLocator(parser, context, &isDefault);
    if (!locator)
        return fail(locator.error());
    auto opened = TaskStore::open(*locator, demo::storeOptions(), SchemaMode::CreateOrUpgrade);
    if (!opened)
        return fail(opened.error());
    TaskStore& store = **opened;
    m_out << tr("TaskDeck demo on %1").arg(store.locator().redacted()) << Qt::endl;

    // Numbered from the clock so that a second run does not collide with the first one's unique keys.
    const QList<EnqueueRequest> requests =
        demo::sampleTasks(total, int(QDateTime::currentSecsSinceEpoch() % 1'000'000) * 100);
    auto enqueued = store.enqueueBatch(requests);
    if (!enqueued)
        return fail(enqueued.error());
    m_out << tr("enqueued %1 tasks in one transaction").arg(enqueued->size()) << Qt::endl;

    const QString worker =
        QStringLiteral("demo@%1:%2").arg(QSysInfo::machineHostName()).arg(QCoreApplication::applicationPid());
    QElapsedTimer clock;
    clock.start();
    qint64 processed = 0;
    int idleRounds = 0;
    while (clock.elapsed() < 20000) {
        auto claimed = store.claim({worker, {}, {}, 8, 30000});
        if (!claimed)
            return fail(claimed.error());
        if (claimed->isEmpty()) {
            auto counts = store.countTasks();
            if (!counts)
                return fail(counts.error());
            const bool waiting = std::any_of(counts->cbegin(), counts->cend(), [](const StateCount& c) {
                return c.state == DisplayState::Pending || c.state == DisplayState::Scheduled ||
                    c.state == DisplayState::Retrying || c.state == DisplayState::Running;
            });
            if (!waiting || ++idleRounds > 100)
                break;
            QThread::msleep(100);
            continue;
        }
        idleRounds = 0;
        QList<Completion> completions;
        for (const ClaimedTask& task : std::as_const(*claimed)) {
            QElapsedTimer runTime;
            runTime.start();
            Completion c = Completion::of(task);
            const double roll = QRandomGenerator::global()->generateDouble();
            if (task.handler == QLatin1String("notify.send") && roll < 0.4) {
                c.outcome = RunOutcome::Failed;
                c.message = tr("SMTP server answered 451 (try again later)");
            } else if (task.handler == QLatin1String("reports.export") && roll < 0.1) {
                c.outcome = RunOutcome::Failed;
                c.retryable = false;
                c.message = tr("report template 'monthly' not found");
            } else {
                QThread::msleep(5 + QRandomGenerator::global()->bounded(20));
                c.resultJson = QStringLiteral("{\"ok\": true}");
            }
            c.durationMs = runTime.elapsed();
            completions << c;
        }
        auto report = store.complete(worker, completions);
        if (!report)
            return fail(report.error());
        processed += report->applied.size();
        m_out << tr("processed %1 runs").arg(processed) << '\r' << Qt::flush;
    }
    m_out << '\n';
    m_out.flush();
    return printStats(store, 3600 * 1000, false);
}

namespace {

QString promLabel(const QString& value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('"'), QLatin1String("\\\""))
        .replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QByteArray renderMetrics(const Dispatcher& worker)
{
    const WorkerMetrics& m = worker.metrics();
    QString out;
    out += QStringLiteral("# HELP taskdeck_tasks_claimed_total Tasks this worker claimed.\n"
                          "# TYPE taskdeck_tasks_claimed_total counter\n");
    for (auto it = m.byQueueAndHandler.cbegin(); it != m.byQueueAndHandler.cend(); ++it)
        out += QStringLiteral("taskdeck_tasks_claimed_total{queue=%1,handler=%2} %3\n")
                   .arg(promLabel(it.key().first), promLabel(it.key().second))
                   .arg(it.value().claimed);
    out += QStringLiteral("# HELP taskdeck_tasks_completed_total Runs this worker recorded, by outcome.\n"
                          "# TYPE taskdeck_tasks_completed_total counter\n");
    for (auto it = m.byQueueAndHandler.cbegin(); it != m.byQueueAndHandler.cend(); ++it) {
        for (auto outcome = it.value().completed.cbegin(); outcome != it.value().completed.cend(); ++outcome)
            out += QStringLiteral("taskdeck_tasks_completed_total{queue=%1,handler=%2,outcome=%3} %4\n")
                       .arg(promLabel(it.key().first), promLabel(it.key().second), promLabel(outcome.key()))
                       .arg(outcome.value());
    }
    out += QStringLiteral("# HELP taskdeck_task_duration_seconds Time handlers ran.\n"
                          "# TYPE taskdeck_task_duration_seconds summary\n");
    for (auto it = m.byQueueAndHandler.cbegin(); it != m.byQueueAndHandler.cend(); ++it) {
        const QString labels =
            QStringLiteral("{queue=%1,handler=%2}").arg(promLabel(it.key().first), promLabel(it.key().second));
        out += QStringLiteral("taskdeck_task_duration_seconds_sum%1 %2\n")
                   .arg(labels)
                   .arg(it.value().durationSecondsSum, 0, 'f', 3);
        out += QStringLiteral("taskdeck_task_duration_seconds_count%1 %2\n").arg(labels).arg(it.value().durationCount);
    }
    out += QStringLiteral("# HELP taskdeck_tasks_in_flight Tasks running on this worker now.\n"
                          "# TYPE taskdeck_tasks_in_flight gauge\ntaskdeck_tasks_in_flight %1\n")
               .arg(worker.inFlight());
    out += QStringLiteral("# HELP taskdeck_queue_lag_seconds How long the oldest runnable task of a queue has "
                          "waited.\n# TYPE taskdeck_queue_lag_seconds gauge\n");
    for (auto it = m.lagSeconds.cbegin(); it != m.lagSeconds.cend(); ++it)
        out += QStringLiteral("taskdeck_queue_lag_seconds{queue=%1} %2\n")
                   .arg(promLabel(it.key()))
                   .arg(it.value(), 0, 'f', 3);
    out += QStringLiteral("# HELP taskdeck_completions_fenced_total Outcomes refused because the lease had moved "
                          "on.\n# TYPE taskdeck_completions_fenced_total counter\ntaskdeck_completions_fenced_total "
                          "%1\n")
               .arg(m.fenced);
    return out.toUtf8();
}

QJsonObject taskToHookJson(const Task& task)
{
    QJsonObject o = taskToJson(task);
    o[u"event"] = QStringLiteral("task.failed");
    return o;
}

} // namespace

int CtlCommandLine::runWorker(const Context& context)
{
    QCommandLineParser parser;
    const QCommandLineOption config(QStringLiteral("config"),
                                    tr("The worker configuration (JSON): the database and "
                                       "the handlers this worker runs."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption queues(QStringLiteral("queues"), tr("Only these queues (comma-separated)."),
                                    QStringLiteral("Q,…"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"), tr("Tasks at once."), QStringLiteral("N"));
    const QCommandLineOption once(QStringLiteral("once"), tr("Claim one batch, run it, exit."));
    const QCommandLineOption drain(QStringLiteral("drain"),
                                   tr("Run until no task is runnable now (delayed and backing-off tasks stay), exit."));
    const QCommandLineOption metrics(QStringLiteral("metrics"), tr("Serve Prometheus metrics on HOST:PORT."),
                                     QStringLiteral("HOST:PORT"));
    const QCommandLineOption name(QStringLiteral("name"), tr("Name shown in the workers table."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption passwordFile(QStringLiteral("password-file"),
                                          tr("Read the database password from FILE instead of the configuration's "
                                             "password_file (systemd: --password-file %d/password with "
                                             "LoadCredential=password:…)."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption service(QStringLiteral("service"),
                                     tr("Run as the Windows service NAME, created with sc.exe (Windows only; on Linux "
                                        "use the taskdeck-worker@ systemd unit)."),
                                     QStringLiteral("NAME"));
    parser.addOptions({config, queues, concurrency, once, drain, metrics, name, passwordFile, service});
    int code = 0;
    if (!parseCommand(parser, context, QString(),
                      tr("Run tasks with the handlers of a configuration file, until SIGTERM/SIGINT (a second one "
                         "stops running handlers at once)."),
                      &code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(context.command, tr("worker takes options only"));
    if (!parser.isSet(config))
        return usageError(context.command,
                          tr("give the worker's configuration with --config FILE: it lists the "
                             "handlers this worker may run"));
#ifndef Q_OS_WIN
    if (parser.isSet(service))
        return usageError(context.command,
                          tr("--service runs a worker as a Windows service; on Linux use the systemd unit "
                             "taskdeck-worker@NAME (man taskdeckctl)"));
#endif
    if (parser.isSet(once) && parser.isSet(drain))
        return usageError(context.command, tr("give --once or --drain, not both"));
    std::optional<int> concurrencyValue;
    if (parser.isSet(concurrency)) {
        bool ok = false;
        const int n = parser.value(concurrency).toInt(&ok);
        if (!ok || n < 1 || n > 1000)
            return usageError(context.command, tr("--concurrency needs a number from 1 to 1000"));
        concurrencyValue = n;
    }

    // The database: --db, else the configuration's, else TASKDECK_DB, else the embedded one.
    auto configured = WorkerConfig::readDatabase(parser.value(config));
    if (!configured)
        return usageError(context.command, configured.error().message);
    Context effective = context;
    if (!parser.isSet(dbOption()) && !context.dbFromGlobalOption && !configured->isEmpty())
        effective.dbFromGlobalOption = *configured;
    bool isDefault = false;
    auto locator = resolveLocator(parser, effective, &isDefault);
    if (!locator)
        return usageError(context.command, locator.error().message);
    auto loaded = WorkerConfig::load(parser.value(config), *locator);
    if (!loaded)
        return usageError(context.command, loaded.error().message);
    WorkerConfig& cfg = *loaded;
#ifdef Q_OS_WIN
    // The service control manager waits at most 30 seconds for a service to check in: before any connection.
    std::unique_ptr<win::ServiceSession> serviceSession;
    // Set once the worker runs, read on the service manager's thread; a stop before that ends the start-up.
    std::atomic<SignalWatcher*> stopSignal = nullptr;
    if (parser.isSet(service)) {
        serviceSession = std::make_unique<win::ServiceSession>();
        serviceSession->setStopWaitHintMs(ulong(cfg.options.shutdownGraceMs + 30'000));
        std::wstring why;
        if (!serviceSession->start(
                parser.value(service).toStdWString(),
                [&stopSignal] {
                    if (SignalWatcher* watcher = stopSignal.load())
                        QMetaObject::invokeMethod(watcher, "stopRequested", Qt::QueuedConnection);
                },
                &why))
            return fail(makeError(ErrorCode::InvalidArgument, QString::fromStdWString(why)));
    }
#endif
    if (parser.isSet(passwordFile))
        cfg.passwordFile = parser.value(passwordFile);
    if (!cfg.passwordFile.isEmpty()) {
        QFile file(cfg.passwordFile);
        if (!file.open(QIODevice::ReadOnly))
            return fail(makeError(ErrorCode::Io,
                                  tr("cannot read the password file %1: %2 — check that it exists and "
                                     "that this user may read it")
                                      .arg(cfg.passwordFile, file.errorString())));
        locator->setPassword(QString::fromUtf8(file.readAll()).trimmed());
    }
    if (isDefault) {
        // The embedded database is created on first use, as for every other command.
        auto created = TaskStore::open(*locator, {}, SchemaMode::CreateOrUpgrade);
        if (!created)
            return fail(created.error());
    }
    WorkerOptions options = cfg.options;
    if (parser.isSet(queues))
        options.queues = parser.value(queues).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (concurrencyValue)
        options.concurrency = *concurrencyValue;
    if (parser.isSet(name))
        options.name = parser.value(name);
    options.mode = parser.isSet(once) ? WorkerOptions::Mode::Once
        : parser.isSet(drain)         ? WorkerOptions::Mode::Drain
                                      : WorkerOptions::Mode::Continuous;

    Dispatcher worker(*locator, cfg.handlers, options);
    QList<QProcess*> hooks;
    if (cfg.onFailed) {
        const OnFailedHook hook = *cfg.onFailed;
        worker.setOnFailed([this, hook, &hooks, &worker](const Task& task) {
            auto* process = new QProcess(&worker);
            process->setProgram(hook.program);
            process->setProcessEnvironment(ProcessHandler::inheritedEnvironment());
            process->setArguments(hook.arguments);
            QObject::connect(process, &QProcess::finished, process, [process, &hooks] {
                hooks.removeAll(process);
                process->deleteLater();
            });
            QObject::connect(process, &QProcess::errorOccurred, process, [this, process, hook](QProcess::ProcessError) {
                m_err << tr("on_failed: cannot run %1: %2").arg(hook.program, process->errorString()) << Qt::endl;
            });
            hooks << process;
            process->start();
            process->write(QJsonDocument(taskToHookJson(task)).toJson(QJsonDocument::Compact));
            process->closeWriteChannel();
            QTimer::singleShot(60'000, process, [process] { process->kill(); });
        });
    }
    std::unique_ptr<MetricsServer> metricsServer;
    QString lastProblem;
    const QString metricsAddress = parser.isSet(metrics) ? parser.value(metrics) : cfg.metrics;
    if (!metricsAddress.isEmpty()) {
        metricsServer = std::make_unique<MetricsServer>(
            [&worker] { return renderMetrics(worker); },
            [&worker, &lastProblem] {
                return worker.isDisconnected()
                    ? MetricsServer::Health{false, tr("no database connection: %1").arg(lastProblem)}
                    : MetricsServer::Health{};
            });
        if (auto s = metricsServer->listen(metricsAddress); !s)
            return fail(s.error());
    }
    QObject::connect(&worker, &Dispatcher::connectionProblem, &worker, [this, &lastProblem](const QString& message) {
        lastProblem = message;
        m_err << tr("worker: %1 — retrying").arg(message) << Qt::endl;
    });
    QObject::connect(&worker, &Dispatcher::connectionRestored, &worker,
                     [this] { m_err << tr("worker: connection restored") << Qt::endl; });

    if (auto s = worker.start(); !s)
        return fail(s.error());
    m_err << tr("worker %1 started on %2: handlers %3; queues %4; concurrency %5")
                 .arg(worker.workerId(), locator->redacted(), cfg.handlers->names().join(u", "),
                      options.queues.isEmpty() ? tr("all") : options.queues.join(u", "))
                 .arg(options.concurrency)
          << Qt::endl;

    SignalWatcher signalWatcher;
#ifdef Q_OS_WIN
    stopSignal = &signalWatcher;
#endif
    QObject::connect(&signalWatcher, &SignalWatcher::stopRequested, &worker, [this, &worker] {
        m_err << (worker.isStopping() ? tr("worker: stopping running handlers now")
                                      : tr("worker: stopping — running tasks may finish within the grace period"))
              << Qt::endl;
        worker.stop();
    });
    QEventLoop loop;
    int exitCode = 0;
    QObject::connect(&worker, &Dispatcher::finished, &loop, [&](int finishedCode) {
        exitCode = finishedCode;
        loop.quit();
    });
    loop.exec();
    // Alerts already started are given a moment to go out.
    QElapsedTimer hookClock;
    hookClock.start();
    while (!hooks.isEmpty() && hookClock.elapsed() < 10'000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 100);

    qint64 recorded = 0;
    for (const auto& series : worker.metrics().byQueueAndHandler) {
        for (qint64 count : series.completed)
            recorded += count;
    }
    m_err << tr("worker %1 stopped: %2 runs recorded").arg(worker.workerId()).arg(recorded) << Qt::endl;
#ifdef Q_OS_WIN
    stopSignal = nullptr;
    if (serviceSession)
        serviceSession->reportStopped(exitCode);
#endif
    return exitCode;
}

int CtlCommandLine::runQueue(const Context& context)
{
    QCommandLineParser parser;
    const QCommandLineOption concurrency(QStringLiteral("concurrency"),
                                         tr("With set: at most N tasks of the queue run at once across all workers "
                                            "(0 removes the limit)."),
                                         QStringLiteral("N"));
    const QCommandLineOption maxAttempts(QStringLiteral("max-attempts"),
                                         tr("With set: default attempts for new tasks (0 removes it)."),
                                         QStringLiteral("N"));
    const QCommandLineOption backoff(QStringLiteral("backoff"),
                                     tr("With set: retry delay BASE:MAX, doubling from BASE up to MAX (0:0 removes "
                                        "it)."),
                                     QStringLiteral("BASE:MAX"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     tr("With set: time limit of a run for handlers without their own (0 removes "
                                        "it)."),
                                     QStringLiteral("D"));
    parser.addOptions({concurrency, maxAttempts, backoff, timeout, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("list | pause Q | resume Q | set Q [options]"),
                      tr("Show and change queue settings."), &code))
        return code;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    const bool needsQueue =
        action == QLatin1String("pause") || action == QLatin1String("resume") || action == QLatin1String("set");
    if (action == QLatin1String("list")) {
        if (args.size() != 1)
            return usageError(context.command, tr("queue list takes no queue name"));
    } else if (needsQueue) {
        if (args.size() != 2)
            return usageError(context.command, tr("queue %1 takes one queue name").arg(action));
    } else {
        return usageError(context.command, tr("give list, pause Q, resume Q or set Q"));
    }
    const bool anySetting =
        parser.isSet(concurrency) || parser.isSet(maxAttempts) || parser.isSet(backoff) || parser.isSet(timeout);
    if (action != QLatin1String("set") && anySetting)
        return usageError(context.command, tr("settings go with queue set"));
    QueueUpdate update;
    if (action == QLatin1String("set")) {
        if (!anySetting)
            return usageError(context.command,
                              tr("queue set needs --concurrency, --max-attempts, --backoff or "
                                 "--timeout"));
        auto number = [&](const QCommandLineOption& option, std::optional<int>* target) {
            if (!parser.isSet(option))
                return true;
            bool ok = false;
            *target = parser.value(option).toInt(&ok);
            return ok;
        };
        if (!number(concurrency, &update.concurrencyLimit) || !number(maxAttempts, &update.maxAttempts))
            return usageError(context.command, tr("--concurrency and --max-attempts take whole numbers"));
        if (parser.isSet(backoff)) {
            const QStringList parts = parser.value(backoff).split(QLatin1Char(':'));
            auto base = parts.size() == 2 ? parseDurationMs(parts.at(0))
                                          : Result<qint64>(makeError(ErrorCode::InvalidArgument, {}));
            auto max = parts.size() == 2 ? parseDurationMs(parts.at(1))
                                         : Result<qint64>(makeError(ErrorCode::InvalidArgument, {}));
            if (!base || !max || *max < *base)
                return usageError(context.command,
                                  tr("--backoff takes BASE:MAX durations with BASE ≤ MAX, e.g. 1s:1h"));
            update.backoffMs = std::pair<qint64, qint64>{*base, *max};
        }
        if (parser.isSet(timeout)) {
            auto ms = parseDurationMs(parser.value(timeout));
            if (!ms)
                return usageError(context.command, ms.error().message);
            update.timeoutS = int((*ms + 999) / 1000);
        }
    }

    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    if (action == QLatin1String("pause") || action == QLatin1String("resume")) {
        if (auto s = (*store)->setQueuePaused(args.at(1), action == QLatin1String("pause")); !s)
            return fail(s.error());
        m_out << (action == QLatin1String("pause") ? tr("queue %1 paused: its tasks stay until it is resumed")
                                                   : tr("queue %1 resumed"))
                     .arg(args.at(1))
              << Qt::endl;
        return int(ExitCode::Ok);
    }
    if (action == QLatin1String("set")) {
        if (auto s = (*store)->updateQueue(args.at(1), update); !s)
            return fail(s.error());
        m_out << tr("queue %1 updated").arg(args.at(1)) << Qt::endl;
        return int(ExitCode::Ok);
    }

    auto settings = (*store)->queues();
    if (!settings)
        return fail(settings.error());
    auto counts = (*store)->countTasks();
    if (!counts)
        return fail(counts.error());
    std::map<QString, QueueSettings> byName;
    for (const QueueSettings& q : std::as_const(*settings))
        byName[q.name] = q;
    std::map<QString, std::map<DisplayState, qint64>> countsByQueue;
    for (const StateCount& c : std::as_const(*counts)) {
        countsByQueue[c.queue][c.state] += c.count;
        if (!byName.count(c.queue))
            byName[c.queue].name = c.queue;
    }
    auto count = [&](const QString& queue, std::initializer_list<DisplayState> states) {
        qint64 total = 0;
        for (DisplayState s : states)
            total += countsByQueue[queue][s];
        return total;
    };
    if (parser.isSet(jsonOption())) {
        QJsonArray list;
        for (const auto& [queueName, q] : byName) {
            QJsonObject o;
            o[u"name"] = queueName;
            o[u"paused"] = q.paused;
            o[u"concurrency_limit"] = q.concurrencyLimit ? QJsonValue(*q.concurrencyLimit) : QJsonValue();
            o[u"default_max_attempts"] = q.defaultMaxAttempts ? QJsonValue(*q.defaultMaxAttempts) : QJsonValue();
            o[u"backoff_base_ms"] = q.backoffBaseMs ? QJsonValue(*q.backoffBaseMs) : QJsonValue();
            o[u"backoff_max_ms"] = q.backoffMaxMs ? QJsonValue(*q.backoffMaxMs) : QJsonValue();
            o[u"default_timeout_s"] = q.defaultTimeoutS ? QJsonValue(*q.defaultTimeoutS) : QJsonValue();
            o[u"waiting"] = count(queueName, {DisplayState::Pending, DisplayState::Scheduled, DisplayState::Retrying});
            o[u"running"] = count(queueName, {DisplayState::Running});
            o[u"failed"] = count(queueName, {DisplayState::Failed});
            list.append(o);
        }
        QJsonObject o;
        o[u"queues"] = list;
        printJson(QJsonDocument(o));
        return int(ExitCode::Ok);
    }
    m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                 .arg(tr("QUEUE"), -16)
                 .arg(tr("PAUSED"), -7)
                 .arg(tr("LIMIT"), -6)
                 .arg(tr("TRIES"), -6)
                 .arg(tr("BACKOFF"), -12)
                 .arg(tr("TIMEOUT"), -8)
                 .arg(tr("WAITING"), 8)
                 .arg(tr("RUNNING"), 8)
                 .arg(tr("FAILED"), 8);
    const QString none = QStringLiteral("-");
    for (const auto& [queueName, q] : byName) {
        m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                     .arg(oneLine(queueName, 16), -16)
                     .arg(q.paused ? tr("yes") : tr("no"), -7)
                     .arg(q.concurrencyLimit ? QString::number(*q.concurrencyLimit) : none, -6)
                     .arg(q.defaultMaxAttempts ? QString::number(*q.defaultMaxAttempts) : none, -6)
                     .arg(q.backoffBaseMs ? formatDurationMs(*q.backoffBaseMs) + QLatin1Char(':') +
                                  formatDurationMs(q.backoffMaxMs.value_or(*q.backoffBaseMs))
                                          : none,
                          -12)
                     .arg(q.defaultTimeoutS ? formatDurationMs(qint64(*q.defaultTimeoutS) * 1000) : none, -8)
                     .arg(count(queueName, {DisplayState::Pending, DisplayState::Scheduled, DisplayState::Retrying}), 8)
                     .arg(count(queueName, {DisplayState::Running}), 8)
                     .arg(count(queueName, {DisplayState::Failed}), 8);
    }
    m_out.flush();
    return int(ExitCode::Ok);
}

} // namespace taskdeck
