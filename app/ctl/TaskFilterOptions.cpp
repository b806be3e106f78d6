#include "app/ctl/TaskFilterOptions.h"

#include "store/Task.h"

#include <QCoreApplication>

namespace taskdeck {

TaskFilterOptions::TaskFilterOptions()
    : state(QStringLiteral("state"),
            QCoreApplication::translate("CtlCommandLine",
                                        "Only tasks in this state: pending, scheduled, retrying, "
                                        "running, succeeded, failed, cancelled (repeat or "
                                        "separate with commas)."),
            QStringLiteral("S"))
    , queue(QStringLiteral("queue"),
            QCoreApplication::translate("CtlCommandLine", "Only tasks in this queue (repeatable)."),
            QStringLiteral("Q"))
    , handler(QStringLiteral("handler"),
              QCoreApplication::translate("CtlCommandLine",
                                          "Only tasks for this handler "
                                          "(repeatable)."),
              QStringLiteral("H"))
    , search(QStringLiteral("search"),
             QCoreApplication::translate("CtlCommandLine",
                                         "Only tasks whose payload, last error or unique key "
                                         "contains this text (taken literally, ASCII case "
                                         "ignored)."),
             QStringLiteral("TEXT"))
{ }

void TaskFilterOptions::addTo(QCommandLineParser& parser, bool withSearch) const
{
    parser.addOptions({state, queue, handler});
    if (withSearch)
        parser.addOption(search);
}

Result<TaskFilter> TaskFilterOptions::read(const QCommandLineParser& parser) const
{
    TaskFilter filter;
    for (const QString& value : parser.values(state)) {
        for (const QString& name : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto parsed = parseDisplayState(name.trimmed().toLower());
            if (!parsed)
                return makeError(ErrorCode::InvalidArgument,
                                 QCoreApplication::translate("CtlCommandLine", "unknown state '%1': use one of %2")
                                     .arg(name, displayStateNames().join(u", ")));
            filter.states << *parsed;
        }
    }
    filter.queues = parser.values(queue);
    filter.handlers = parser.values(handler);
    if (parser.optionNames().contains(search.names().first()))
        filter.search = parser.value(search);
    return filter;
}

Result<QList<qint64>> parseTaskIds(const QStringList& texts)
{
    QList<qint64> ids;
    for (const QString& text : texts) {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        if (!ok || id <= 0)
            return makeError(ErrorCode::InvalidArgument,
                             QCoreApplication::translate("CtlCommandLine", "'%1' is not a task id").arg(text));
        ids << id;
    }
    return ids;
}

} // namespace taskdeck
