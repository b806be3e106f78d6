// taskdeckctl explain ID: why the task is where it is — for a waiting one, why it is not running.

#include "app/ctl/commands/ExplainCommand.h"

#include "app/ctl/CtlOutput.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace taskdeck {

int ExplainCommand::run(const Invocation& context)
{
    QCommandLineParser parser;
    parser.addOption(jsonOption());
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("ID"),
                      tr("Why a task is where it is: for a waiting task, why it is not running (scheduled for later, "
                         "its retry backoff, its queue paused or at its limit, no worker for it, a silent worker, "
                         "tasks ahead of it), checked against the database now; the first reason is the answer."),
                      &code))
        return code;
    bool ok = false;
    const qint64 id =
        parser.positionalArguments().size() == 1 ? parser.positionalArguments().first().toLongLong(&ok) : 0;
    if (!ok || id <= 0)
        return usageError(context.command, tr("give exactly one task id (a positive number)"));
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    auto explained = (*store)->explain(id);
    if (!explained) {
        if (explained.error().code == ErrorCode::NotFound) {
            m_err << tr("taskdeckctl: there is no task %1 (`status %1` tells whether it ran and was removed)").arg(id)
                  << Qt::endl;
            return int(ExitCode::NoSuchTask);
        }
        return fail(explained.error());
    }
    if (parser.isSet(jsonOption())) {
        QJsonArray reasons;
        for (const TaskExplanation::Reason& reason : std::as_const(explained->reasons))
            reasons.append(QJsonObject{{QStringLiteral("code"), reason.code}, {QStringLiteral("text"), reason.text}});
        printJson(QJsonDocument(QJsonObject{{QStringLiteral("id"), explained->taskId},
                                            {QStringLiteral("state"), stateName(explained->state)},
                                            {QStringLiteral("reasons"), reasons}}));
        return int(ExitCode::Ok);
    }
    m_out << tr("task %1 is %2:").arg(id).arg(stateLabel(explained->state)) << Qt::endl;
    for (const TaskExplanation::Reason& reason : std::as_const(explained->reasons))
        m_out << QStringLiteral("  - %1").arg(reason.text) << Qt::endl;
    return int(ExitCode::Ok);
}

} // namespace taskdeck
