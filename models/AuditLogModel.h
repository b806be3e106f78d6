#pragma once

#include "models/LiveTableModel.h"
#include "store/Schedules.h"

namespace taskdeck {

// The newest entries of the audit log.
class AuditLogModel : public LiveTableModel
{
    Q_OBJECT

public:
    static constexpr int kShown = 500;
    enum Column {
        AtColumn,
        ActorColumn,
        DatabaseUserColumn,
        ActionColumn,
        TaskCountColumn,
        DetailColumn,
        ColumnCount
    };

    explicit AuditLogModel(StoreClient* client, QObject* parent = nullptr);
    void refresh();
    const QList<OperatorAction>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QList<OperatorAction> m_rows;
};

} // namespace taskdeck
