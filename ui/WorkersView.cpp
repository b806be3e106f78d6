#include "ui/WorkersView.h"

#include "models/WorkerListModel.h"
#include "ui/ListTable.h"

#include <QTableView>
#include <QVBoxLayout>

namespace taskdeck {

WorkersView::WorkersView(WorkerListModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("workersView"));
    auto* layout = new QVBoxLayout(this);
    QTableView* table = makeListTable(m_model, this, QStringLiteral("workerTable"), ColumnWidths::FitContent);
    connect(table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (const auto filter = m_model->filterAt(index))
            Q_EMIT tasksRequested(*filter);
    });
    layout->addWidget(table);
}

void WorkersView::refresh()
{
    m_model->refresh();
}

} // namespace taskdeck
