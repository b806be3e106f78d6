// taskdeckctl stats: counts per state and queue, recent throughput, workers.

#include "app/ctl/commands/StatsCommand.h"

#include "app/ctl/CtlOutput.h"
#include "common/Duration.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace taskdeck {

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

} // namespace taskdeck
