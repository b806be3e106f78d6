#pragma once

#include <QString>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace taskdeck {

// The console's read-only list tables: whole rows selected, one at a time where singleSelection, alternating colours,
// no row numbers, the last column taking the rest of the width.
enum class ColumnWidths {
    Default,
    // Few rows: every column as wide as its content, again whenever the rows change.
    FitContent,
};
QTableView* makeListTable(QAbstractItemModel* model, QWidget* parent, const QString& objectName,
                          ColumnWidths widths = ColumnWidths::Default, bool singleSelection = true);
// Measures a FitContent table's columns again (after it was hidden while rows arrived).
void fitColumnsToContent(QTableView* table);

} // namespace taskdeck
