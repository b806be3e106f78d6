// taskdeckctl init: create or upgrade the schema.

#include "app/ctl/commands/InitCommand.h"

#include "app/ctl/CtlOutput.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace taskdeck {

int InitCommand::run(const Invocation& context)
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

} // namespace taskdeck
