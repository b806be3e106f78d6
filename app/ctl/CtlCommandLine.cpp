#include "app/ctl/CtlCommandLine.h"

#include "app/ctl/commands/AgentCommand.h"
#include "app/ctl/commands/AuditCommand.h"
#include "app/ctl/commands/BulkActionCommands.h"
#include "app/ctl/commands/DemoCommand.h"
#include "app/ctl/commands/EnqueueCommand.h"
#include "app/ctl/commands/EventCommands.h"
#include "app/ctl/commands/ExplainCommand.h"
#include "app/ctl/commands/InitCommand.h"
#include "app/ctl/commands/ListCommand.h"
#include "app/ctl/commands/QueueCommand.h"
#include "app/ctl/commands/RetentionCommand.h"
#include "app/ctl/commands/ScheduleCommand.h"
#include "app/ctl/commands/SearchIndexCommand.h"
#include "app/ctl/commands/StatsCommand.h"
#include "app/ctl/commands/StatusCommand.h"
#include "app/ctl/commands/WorkerCommand.h"

#include <map>

namespace taskdeck {

namespace {

template<typename Verb>
std::unique_ptr<Command> make(const Command::Streams& streams)
{
    return std::make_unique<Verb>(streams);
}

} // namespace

CtlCommandLine::CtlCommandLine(QTextStream& out, QTextStream& err, QIODevice* in)
    : m_out(out)
    , m_err(err)
    , m_in(in)
{ }

int CtlCommandLine::run(const QStringList& arguments)
{
    Command::Invocation context;
    qsizetype i = 1;
    for (; i < arguments.size(); ++i) {
        const QString& arg = arguments.at(i);
        if (arg == QLatin1String("--db")) {
            if (i + 1 >= arguments.size())
                return usageError(tr("--db needs a value, e.g. --db sqlite:/var/lib/taskdeck/tasks.db"));
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
            return usageError(tr("unknown option '%1' before the command").arg(arg));
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

    using Factory = std::unique_ptr<Command> (*)(const Command::Streams&);
    static const std::map<QString, Factory> verbs{
        {QStringLiteral("init"), &make<InitCommand>},
        {QStringLiteral("enqueue"), &make<EnqueueCommand>},
        {QStringLiteral("status"), &make<StatusCommand>},
        {QStringLiteral("list"), &make<ListCommand>},
        {QStringLiteral("retry"), &make<BulkActionCommands>},
        {QStringLiteral("delete"), &make<BulkActionCommands>},
        {QStringLiteral("cancel"), &make<BulkActionCommands>},
        {QStringLiteral("stats"), &make<StatsCommand>},
        {QStringLiteral("explain"), &make<ExplainCommand>},
        {QStringLiteral("demo"), &make<DemoCommand>},
        {QStringLiteral("worker"), &make<WorkerCommand>},
        {QStringLiteral("queue"), &make<QueueCommand>},
        {QStringLiteral("schedule"), &make<ScheduleCommand>},
        {QStringLiteral("subscribe"), &make<EventCommands>},
        {QStringLiteral("unsubscribe"), &make<EventCommands>},
        {QStringLiteral("subscriptions"), &make<EventCommands>},
        {QStringLiteral("publish"), &make<EventCommands>},
        {QStringLiteral("retention"), &make<RetentionCommand>},
        {QStringLiteral("audit"), &make<AuditCommand>},
        {QStringLiteral("search-index"), &make<SearchIndexCommand>},
        {QStringLiteral("agent"), &make<AgentCommand>},
    };
    const auto found = verbs.find(context.command);
    if (found == verbs.end())
        return usageError(tr("unknown command '%1'").arg(context.command));
    const int code = found->second({m_out, m_err, m_in})->run(context);
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
                "  explain ID               why a task is not running (or how it ended)\n"
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

int CtlCommandLine::usageError(const QString& message)
{
    m_err << "taskdeckctl: " << message << '\n';
    m_err << tr("Try '%1 --help'.").arg(QStringLiteral("taskdeckctl")) << Qt::endl;
    return int(ExitCode::Usage);
}

} // namespace taskdeck
