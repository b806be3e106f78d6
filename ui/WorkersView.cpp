#include "ui/WorkersView.h"

#include "models/TaskListModel.h"
#include "models/WorkerListModel.h"
#include "ui/ListTable.h"
#include "ui/ViewState.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace taskdeck {

WorkersView::WorkersView(WorkerListModel* model, StoreClient* client, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_running(new TaskListModel(client, this))
{
    setObjectName(QStringLiteral("workersView"));
    m_table = makeListTable(m_model, this, QStringLiteral("workerTable"), ColumnWidths::FitContent);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (const auto filter = m_model->filterAt(index))
            Q_EMIT tasksRequested(*filter);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                showRunningOf(current.isValid() ? m_model->rows().value(current.row()).worker : WorkerInfo{});
            });

    // What the selected worker runs, as the task list shows it (double-click its in-flight count for the full list).
    m_runningTitle = new QLabel(tr("Select a worker to see what it is running."), this);
    auto* running = makeListTable(m_running, this, QStringLiteral("workerTasks"));
    running->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* below = new QWidget(this);
    auto* belowLayout = new QVBoxLayout(below);
    belowLayout->setContentsMargins(0, 0, 0, 0);
    belowLayout->addWidget(m_runningTitle);
    belowLayout->addWidget(running);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("workersSplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(below);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    rememberSplitter(splitter, QStringLiteral("workers/splitter"));
    // The first worker is shown until the operator picks another, so that the lower half is never blank for nothing.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_table->currentIndex().isValid() && m_model->rowCount() > 0)
            m_table->selectRow(0);
    });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
}

void WorkersView::refresh()
{
    m_model->refresh();
    if (!m_selectedWorker.isEmpty())
        m_running->refresh();
}

void WorkersView::showRunningOf(const WorkerInfo& worker)
{
    const QString workerId = worker.id;
    if (workerId == m_selectedWorker)
        return;
    m_selectedWorker = workerId;
    TaskFilter filter;
    filter.states = {DisplayState::Running};
    filter.workers = {workerId.isEmpty() ? QStringLiteral("-") : workerId}; // "-": no worker has that id
    m_running->setQuery(filter, TaskQuery::SortKey::Id, true);
    m_runningTitle->setText(
        workerId.isEmpty() ? tr("Select a worker to see what it is running.")
                           : tr("Running on %1 (%2, process %3) now:").arg(worker.name, worker.host).arg(worker.pid));
}

} // namespace taskdeck
