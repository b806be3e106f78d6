#pragma once

#include "client/StoreClient.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>

namespace taskdeck {

// A table whose rows are replaced by fresh snapshots: only rows that changed emit dataChanged, new ones are inserted
// and gone ones removed, so views keep their selection and scroll position while the data lives.
class LiveTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit LiveTableModel(StoreClient* client, QObject* parent = nullptr)
        : QAbstractTableModel(parent)
        , m_client(client)
    { }

    // Lists with fixed columns name them with setColumnTitles(); the others answer these themselves.
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void refreshFailed(const QString& message);

protected:
    // The columns' titles, marked with QT_TR_NOOP in the subclass and translated in its context.
    void setColumnTitles(QList<const char*> titles) { m_columnTitles = std::move(titles); }

    // Runs job (a snapshot of the rows, on the client's thread) unless one is still on its way, then replaces rows
    // with what it returned.
    template<typename Row, typename Job, typename Key>
    void refreshRows(QList<Row>& rows, Job job, Key key)
    {
        if (m_busy || !m_client)
            return;
        m_busy = true;
        m_client->run(this, std::move(job), [this, &rows, key](Result<QList<Row>> fresh) {
            m_busy = false;
            if (!fresh) {
                Q_EMIT refreshFailed(fresh.error().message);
                return;
            }
            replaceRows(rows, *fresh, key);
        });
    }

    // Rows are identified by key(row) and compared with ==; the fresh order wins.
    template<typename Row, typename Key>
    void replaceRows(QList<Row>& rows, const QList<Row>& fresh, Key key)
    {
        QHash<decltype(key(fresh.value(0))), int> freshRow;
        for (int i = 0; i < fresh.size(); ++i)
            freshRow.insert(key(fresh.at(i)), i);
        for (int row = int(rows.size()) - 1; row >= 0; --row) {
            if (!freshRow.contains(key(rows.at(row)))) {
                beginRemoveRows({}, row, row);
                rows.removeAt(row);
                endRemoveRows();
            }
        }
        for (int i = 0; i < fresh.size(); ++i) {
            const auto wanted = key(fresh.at(i));
            int found = -1;
            for (int row = i; row < rows.size(); ++row) {
                if (key(rows.at(row)) == wanted) {
                    found = row;
                    break;
                }
            }
            if (found < 0) {
                beginInsertRows({}, i, i);
                rows.insert(i, fresh.at(i));
                endInsertRows();
                continue;
            }
            if (found != i) {
                beginMoveRows({}, found, found, {}, i);
                rows.move(found, i);
                endMoveRows();
            }
            if (!(rows.at(i) == fresh.at(i))) {
                rows[i] = fresh.at(i);
                Q_EMIT dataChanged(index(i, 0), index(i, columnCount() - 1));
            }
        }
    }

    QPointer<StoreClient> m_client;

private:
    QList<const char*> m_columnTitles;
    bool m_busy = false;
};

} // namespace taskdeck
