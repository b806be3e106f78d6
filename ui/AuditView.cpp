#include "ui/AuditView.h"

#include "models/AuditLogModel.h"
#include "ui/ListTable.h"

#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace taskdeck {

AuditView::AuditView(AuditLogModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Operator actions from the console and taskdeckctl, newest first (the "
                                    "last %1; `taskdeckctl audit --before ID` pages further back):")
                                     .arg(AuditLogModel::kShown),
                                 this));
    layout->addWidget(makeListTable(m_model, this, QStringLiteral("auditTable"), ColumnWidths::FitContent, false));
}

void AuditView::refresh()
{
    m_model->refresh();
}

} // namespace taskdeck
