#include "ui/ListTable.h"

#include <QHeaderView>
#include <QTableView>

namespace taskdeck {

void fitColumnsToContent(QTableView* table)
{
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(false); // sized to content just now: stretch it again
    table->horizontalHeader()->setStretchLastSection(true);
}

QTableView* makeListTable(QAbstractItemModel* model, QWidget* parent, const QString& objectName, ColumnWidths widths,
                          bool singleSelection)
{
    auto* table = new QTableView(parent);
    table->setObjectName(objectName);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    if (singleSelection)
        table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    if (widths == ColumnWidths::FitContent) {
        const auto fitLater = [table] {
            QMetaObject::invokeMethod(
                table, [table] { fitColumnsToContent(table); }, Qt::QueuedConnection);
        };
        QObject::connect(model, &QAbstractItemModel::rowsInserted, table, fitLater);
        QObject::connect(model, &QAbstractItemModel::rowsRemoved, table, fitLater);
        QObject::connect(model, &QAbstractItemModel::dataChanged, table, fitLater);
    }
    return table;
}

} // namespace taskdeck
