// taskdeckctl search-index: the index for literal text search.

#include "app/ctl/commands/SearchIndexCommand.h"

#include "app/ctl/CtlOutput.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace taskdeck {

int SearchIndexCommand::run(const Invocation& context)
{
    QCommandLineParser parser;
    parser.addOptions({jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("[status | create | drop]"),
                      tr("An index that answers literal text searches (taskdeckctl list --search, the console's "
                         "search box) without reading every task. PostgreSQL only (pg_trgm); built without "
                         "stopping workers, but every enqueue then costs more. Run create and drop as the account "
                         "that owns the schema."),
                      &code))
        return code;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0, QStringLiteral("status"));
    if (args.size() > 1 ||
        (action != QLatin1String("status") && action != QLatin1String("create") && action != QLatin1String("drop")))
        return usageError(context.command, tr("give status, create or drop"));
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    if (action != QLatin1String("status")) {
        QElapsedTimer took;
        took.start();
        auto s = (*store)->setSearchIndexed(action == QLatin1String("create"),
                                            [this](const QString& line) { m_err << line << Qt::endl; });
        if (!s)
            return fail(s.error());
        m_err << tr("done in %1 s").arg(double(took.elapsed()) / 1000.0, 0, 'f', 1) << Qt::endl;
    }
    auto indexed = (*store)->searchIndexed();
    if (!indexed)
        return fail(indexed.error());
    if (parser.isSet(jsonOption())) {
        printJson(QJsonDocument(QJsonObject{{QStringLiteral("search_index"), *indexed}}));
        return int(ExitCode::Ok);
    }
    m_out << (*indexed ? tr("search index: in place — literal text searches use it")
                       : tr("search index: none — literal text searches read every task"))
          << Qt::endl;
    return int(ExitCode::Ok);
}

} // namespace taskdeck
