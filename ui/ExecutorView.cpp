#include "ui/ExecutorView.h"

#include "executor/BuiltinHandlers.h"
#include "executor/LocalExecutor.h"
#include "executor/WorkerConfig.h"
#include "models/LocalRunsModel.h"
#include "ui/ActionIcons.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace taskdeck {

namespace {

enum HandlerChoice {
    PresetHandlers,
    BuiltinHandlers,
    ConfigurationFile,
};

} // namespace

ExecutorView::ExecutorView(LocalExecutor* executor, Locator locator,
                           std::shared_ptr<const HandlerRegistry> presetHandlers, StoreOptions storeOptions,
                           QWidget* parent)
    : QWidget(parent)
    , m_executor(executor)
    , m_locator(std::move(locator))
    , m_preset(std::move(presetHandlers))
    , m_storeOptions(std::move(storeOptions))
    , m_runs(new LocalRunsModel(executor, this))
    , m_handlers(new QComboBox(this))
    , m_concurrency(new QSpinBox(this))
    , m_start(new QPushButton(tr("&Start"), this))
    , m_stop(new QPushButton(tr("S&top"), this))
    , m_status(new QLabel(this))
{
    if (m_preset)
        m_handlers->addItem(tr("Demo handlers (%1)").arg(m_preset->names().join(QLatin1String(", "))), PresetHandlers);
    m_handlers->addItem(tr("Builtin handlers (%1)").arg(builtinHandlerNames().join(QLatin1String(", "))),
                        BuiltinHandlers);
    m_handlers->addItem(tr("Worker configuration file…"), ConfigurationFile);
    m_concurrency->setRange(1, 256);
    m_concurrency->setValue(4);
    m_start->setObjectName(QStringLiteral("startExecutor"));
    m_stop->setObjectName(QStringLiteral("stopExecutor"));
    ActionIcons::attach(m_start, QStringLiteral("start"));
    ActionIcons::attach(m_stop, QStringLiteral("stop"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* table = new QTableView(this);
    table->setModel(m_runs);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Handlers:"), this));
    controls->addWidget(m_handlers, 1);
    controls->addWidget(new QLabel(tr("Concurrency:"), this));
    controls->addWidget(m_concurrency);
    controls->addWidget(m_start);
    controls->addWidget(m_stop);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(table, 1);

    connect(m_start, &QPushButton::clicked, this, &ExecutorView::start);
    connect(m_stop, &QPushButton::clicked, this, &ExecutorView::stop);
    connect(executor, &LocalExecutor::started, this, [this](const QString& id) {
        setStatus(tr("Running as worker %1 with %2 threads.").arg(id).arg(m_concurrency->value()));
        updateButtons();
    });
    connect(executor, &LocalExecutor::startFailed, this,
            [this](const QString& message) { setStatus(tr("Cannot start: %1").arg(message)); });
    connect(executor, &LocalExecutor::stopped, this, [this] {
        setStatus(tr("Stopped after recording %1 runs (%2 failed).").arg(m_recorded).arg(m_failed));
        updateButtons();
    });
    connect(executor, &LocalExecutor::runRecorded, this,
            [this](qint64, const QString&, const QString&, RunOutcome outcome, qint64) {
                ++m_recorded;
                if (outcome != RunOutcome::Succeeded)
                    ++m_failed;
                if (m_executor->isRunning())
                    setStatus(tr("Running as worker %1: %2 runs recorded, %3 of them failed.")
                                  .arg(m_executor->workerId())
                                  .arg(m_recorded)
                                  .arg(m_failed));
            });
    connect(executor, &LocalExecutor::runNowRefused, this, [this](qint64 taskId, const QString& reason) {
        setStatus(tr("Task %1 cannot run now: %2").arg(taskId).arg(reason));
        Q_EMIT runNowRefused(taskId, reason);
    });
    connect(executor, &LocalExecutor::connectionProblem, this,
            [this](const QString& message) { setStatus(tr("Database trouble: %1 — retrying").arg(message)); });
    connect(executor, &LocalExecutor::connectionRestored, this,
            [this] { setStatus(tr("The database connection is back.")); });
    setStatus(tr("The local executor runs tasks in this console, on this computer. It is stopped."));
    updateButtons();
}

void ExecutorView::start()
{
    if (m_executor->isRunning())
        return;
    WorkerOptions options;
    options.name = QStringLiteral("console"); // the worker id adds the host and process: console@host:pid:…
    options.concurrency = m_concurrency->value();
    options.heartbeatMs = 2'000;
    options.leaseMs = 30'000;
    options.store = m_storeOptions;
    std::shared_ptr<const HandlerRegistry> handlers;
    switch (m_handlers->currentData().toInt()) {
    case PresetHandlers:
        handlers = m_preset;
        break;
    case BuiltinHandlers: {
        auto registry = std::make_shared<HandlerRegistry>();
        for (const QString& name : builtinHandlerNames()) {
            if (auto handler = makeBuiltinHandler(name))
                registry->add(name, handler);
        }
        handlers = registry;
        break;
    }
    default: {
        const QString path = m_dialogs->openFileName(this, tr("Worker configuration"), m_configPath,
                                                     tr("Worker configuration (*.json)"));
        if (path.isEmpty())
            return;
        m_configPath = path;
        auto config = WorkerConfig::load(path, m_locator);
        if (!config) {
            setStatus(tr("Cannot use %1: %2").arg(path, config.error().message));
            return;
        }
        handlers = config->handlers;
        options.queues = config->options.queues;
        break;
    }
    }
    m_recorded = 0;
    m_failed = 0;
    setStatus(tr("Starting…"));
    m_executor->start(m_locator, handlers, options);
    updateButtons();
}

void ExecutorView::stop()
{
    if (!m_executor->isRunning())
        return;
    setStatus(tr("Stopping: no new tasks; running ones may finish…"));
    m_executor->stop();
}

void ExecutorView::runNow(qint64 taskId)
{
    if (!m_executor->isRunning()) {
        const QString reason = tr("the local executor is not running: start it on the Local executor tab");
        setStatus(tr("Task %1 cannot run now: %2").arg(taskId).arg(reason));
        Q_EMIT runNowRefused(taskId, reason);
        return;
    }
    setStatus(tr("Running task %1 here now…").arg(taskId));
    m_executor->runNow(taskId);
}

QString ExecutorView::statusText() const
{
    return m_status->text();
}

void ExecutorView::setStatus(const QString& text)
{
    m_status->setText(text);
}

void ExecutorView::updateButtons()
{
    const bool running = m_executor->isRunning();
    m_start->setEnabled(!running);
    m_stop->setEnabled(running);
    m_handlers->setEnabled(!running);
    m_concurrency->setEnabled(!running);
}

} // namespace taskdeck
