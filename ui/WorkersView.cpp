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
    layout->addWidget(makeListTable(m_model, this, QStringLiteral("workerTable"), ColumnWidths::FitContent));
}

void WorkersView::refresh()
{
    m_model->refresh();
}

} // namespace taskdeck
