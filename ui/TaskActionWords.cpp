#include "ui/TaskActionWords.h"

#include "models/TaskListModel.h"

#include <QCoreApplication>

namespace taskdeck {

QString verb(TasksView::Bulk action)
{
    switch (action) {
    case TasksView::Bulk::Retry:
        return QCoreApplication::translate("taskdeck::TasksView", "Retry");
    case TasksView::Bulk::Cancel:
        return QCoreApplication::translate("taskdeck::TasksView", "Cancel");
    case TasksView::Bulk::Delete:
        return QCoreApplication::translate("taskdeck::TasksView", "Delete");
    }
    return {};
}

QString pastTense(TasksView::Bulk action, qint64 count)
{
    switch (action) {
    case TasksView::Bulk::Retry:
        return QCoreApplication::translate("taskdeck::TasksView", "Retried %Ln task(s).", nullptr, int(count));
    case TasksView::Bulk::Cancel:
        return QCoreApplication::translate("taskdeck::TasksView",
                                           "Cancelled %Ln task(s) (running ones stop at their next check).", nullptr,
                                           int(count));
    case TasksView::Bulk::Delete:
        return QCoreApplication::translate("taskdeck::TasksView", "Deleted %Ln task(s).", nullptr, int(count));
    }
    return {};
}

QString notApplicable(TasksView::Bulk action)
{
    switch (action) {
    case TasksView::Bulk::Retry:
        return QCoreApplication::translate(
            "taskdeck::TasksView", "Retry applies to failed and cancelled tasks; none of the selected ones is.");
    case TasksView::Bulk::Cancel:
        return QCoreApplication::translate(
            "taskdeck::TasksView", "Cancel applies to waiting and running tasks; none of the selected ones is.");
    case TasksView::Bulk::Delete:
        break;
    }
    return {};
}

bool applies(TasksView::Bulk action, DisplayState state)
{
    switch (action) {
    case TasksView::Bulk::Retry:
        return retryApplies(state);
    case TasksView::Bulk::Cancel:
        return cancelApplies(state);
    case TasksView::Bulk::Delete:
        return true;
    }
    return false;
}

QString describe(const TaskFilter& filter)
{
    QStringList parts;
    if (!filter.states.isEmpty()) {
        QStringList states;
        for (DisplayState state : filter.states)
            states << stateLabel(state);
        parts << QCoreApplication::translate("taskdeck::TasksView", "state %1").arg(states.join(QLatin1Char('/')));
    }
    if (!filter.queues.isEmpty())
        parts
            << QCoreApplication::translate("taskdeck::TasksView", "queue %1").arg(filter.queues.join(QLatin1Char('/')));
    if (!filter.handlers.isEmpty())
        parts << QCoreApplication::translate("taskdeck::TasksView", "handler %1")
                     .arg(filter.handlers.join(QLatin1Char('/')));
    if (!filter.workers.isEmpty())
        parts << QCoreApplication::translate("taskdeck::TasksView", "run by %1")
                     .arg(filter.workers.join(QLatin1Char('/')));
    if (!filter.search.isEmpty())
        parts << QCoreApplication::translate("taskdeck::TasksView", "containing \"%1\"").arg(filter.search);
    if (filter.createdFrom.isValid())
        parts << QCoreApplication::translate("taskdeck::TasksView", "created from %1")
                     .arg(formatTime(filter.createdFrom));
    if (filter.failedFrom.isValid() && filter.failedTo.isValid())
        parts << QCoreApplication::translate("taskdeck::TasksView", "failed between %1 and %2")
                     .arg(formatTime(filter.failedFrom), formatTime(filter.failedTo));
    if (filter.createdTo.isValid())
        parts << QCoreApplication::translate("taskdeck::TasksView", "created before %1")
                     .arg(formatTime(filter.createdTo));
    return parts.isEmpty() ? QCoreApplication::translate("taskdeck::TasksView", "every task")
                           : parts.join(QLatin1String(", "));
}

} // namespace taskdeck
