// taskdeckctl stats: counts per state and queue, recent throughput, workers.

#include "app/ctl/CtlOutput.h"
#include "app/ctl/commands/Commands.h"
#include "common/Duration.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace taskdeck {

namespace {

class StatsCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;
};

int StatsCommand::run(const Invocation& context)
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

} // namespace

std::unique_ptr<Command> commands::makeStats(const Command::Streams& streams)
{
    return std::make_unique<StatsCommand>(streams);
}

} // namespace taskdeck
