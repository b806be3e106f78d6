// taskdeckctl audit: who did what.

#include "app/ctl/commands/AuditCommand.h"

#include "app/ctl/CtlOutput.h"
#include "common/Duration.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace taskdeck {

int AuditCommand::run(const Invocation& context)
{
    QCommandLineParser parser;
    const QCommandLineOption limit(QStringLiteral("limit"), tr("Entries to show (default 50)."), QStringLiteral("N"));
    const QCommandLineOption before(QStringLiteral("before"), tr("Entries older than this entry id (paging)."),
                                    QStringLiteral("ID"));
    parser.addOptions({limit, before, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QString(),
                      tr("The audit log: who (OS and database user) did what, when, to how many tasks."), &code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(context.command, tr("audit takes no arguments"));
    bool ok = true;
    const int count = parser.isSet(limit) ? parser.value(limit).toInt(&ok) : 50;
    if (!ok || count < 1 || count > 10'000)
        return usageError(context.command, tr("--limit takes a number from 1 to 10000"));
    const qint64 beforeId = parser.isSet(before) ? parser.value(before).toLongLong(&ok) : 0;
    if (!ok || beforeId < 0)
        return usageError(context.command, tr("--before takes an entry id"));
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    auto actions = (*store)->operatorActions(count, beforeId);
    if (!actions)
        return fail(actions.error());
    if (parser.isSet(jsonOption())) {
        QJsonArray array;
        for (const OperatorAction& a : std::as_const(*actions)) {
            QJsonObject o;
            o[u"id"] = a.id;
            o[u"at"] = jsonTime(a.at);
            o[u"actor"] = a.actor;
            o[u"db_user"] = a.databaseUser;
            o[u"action"] = a.action;
            o[u"task_count"] = a.taskCount;
            o[u"detail"] = a.detail;
            array.append(o);
        }
        printJson(QJsonDocument(QJsonObject{{QStringLiteral("actions"), array}}));
        return int(ExitCode::Ok);
    }
    m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                 .arg(tr("ID"), 6)
                 .arg(tr("AT (UTC)"), -24)
                 .arg(tr("WHO"), -24)
                 .arg(tr("DB USER"), -16)
                 .arg(tr("ACTION"), -16)
                 .arg(tr("TASKS"), 7)
                 .arg(tr("DETAIL"));
    for (const OperatorAction& a : std::as_const(*actions))
        m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                     .arg(a.id, 6)
                     .arg(isoUtc(a.at), -24)
                     .arg(oneLine(a.actor, 24), -24)
                     .arg(oneLine(a.databaseUser.isEmpty() ? QStringLiteral("-") : a.databaseUser, 16), -16)
                     .arg(oneLine(a.action, 16), -16)
                     .arg(a.taskCount, 7)
                     .arg(oneLine(a.detail, 80));
    m_out.flush();
    return int(ExitCode::Ok);
}

} // namespace taskdeck
