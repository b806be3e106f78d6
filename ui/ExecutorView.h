#pragma once

#include "db/Locator.h"
#include "store/TaskStore.h"
#include "ui/Dialogs.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace taskdeck {

class HandlerRegistry;
class LocalExecutor;
class LocalRunsModel;

// The console's own worker: start it with a set of handlers (the demo's, the builtins, or a worker configuration
// file) and a concurrency, watch what it runs, stop it gracefully; "run now" from the task list lands here.
class ExecutorView : public QWidget
{
    Q_OBJECT

public:
    ExecutorView(LocalExecutor* executor, Locator locator, std::shared_ptr<const HandlerRegistry> presetHandlers,
                 StoreOptions storeOptions, QWidget* parent = nullptr);

    void start();
    void stop();
    void runNow(qint64 taskId);
    void setDialogs(std::shared_ptr<Dialogs> dialogs) { m_dialogs = std::move(dialogs); }
    LocalRunsModel* runsModel() const { return m_runs; }
    QString statusText() const;

Q_SIGNALS:
    void runNowRefused(qint64 taskId, const QString& reason);

private:
    void setStatus(const QString& text);
    void updateButtons();

    LocalExecutor* m_executor;
    Locator m_locator;
    std::shared_ptr<const HandlerRegistry> m_preset;
    StoreOptions m_storeOptions;
    LocalRunsModel* m_runs;
    QComboBox* m_handlers;
    QSpinBox* m_concurrency;
    QPushButton* m_start;
    QPushButton* m_stop;
    QLabel* m_status;
    QString m_configPath;
    qint64 m_recorded = 0;
    qint64 m_failed = 0;
    std::shared_ptr<Dialogs> m_dialogs = Dialogs::standard();
};

} // namespace taskdeck
