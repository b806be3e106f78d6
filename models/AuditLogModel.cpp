#include "models/AuditLogModel.h"

#include "common/Duration.h"
#include "models/TaskListModel.h"
#include "schedule/CronExpression.h"
#include "store/TaskStore.h"

#include <QColor>

namespace taskdeck {

AuditLogModel::AuditLogModel(StoreClient* client, QObject* parent)
    : LiveTableModel(client, parent)
{
    setColumnTitles({QT_TR_NOOP("When"), QT_TR_NOOP("Who"), QT_TR_NOOP("Database user"), QT_TR_NOOP("Action"),
                     QT_TR_NOOP("Tasks"), QT_TR_NOOP("Detail")});
}

void AuditLogModel::refresh()
{
    refreshRows(
        m_rows, [](TaskStore& store) { return store.operatorActions(kShown); },
        [](const OperatorAction& a) { return a.id; });
}

int AuditLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant AuditLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OperatorAction& a = m_rows.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == DetailColumn)
        return a.detail;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case AtColumn:
        return formatTime(a.at);
    case ActorColumn:
        return a.actor;
    case DatabaseUserColumn:
        return a.databaseUser.isEmpty() ? QStringLiteral("—") : a.databaseUser; // SQLite has no database users
    case ActionColumn:
        return a.action;
    case TaskCountColumn:
        return a.taskCount;
    case DetailColumn:
        return a.detail;
    default:
        return {};
    }
}

} // namespace taskdeck
