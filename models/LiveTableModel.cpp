#include "models/LiveTableModel.h"

#include <QCoreApplication>

namespace taskdeck {

int LiveTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_columnTitles.size());
}

QVariant LiveTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= m_columnTitles.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    return QCoreApplication::translate(metaObject()->className(), m_columnTitles.at(section));
}

} // namespace taskdeck
