#include "app/ctl/FailureHooks.h"

#include "app/ctl/CtlOutput.h"
#include "executor/ProcessHandler.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QProcess>
#include <QTimer>

namespace taskdeck {

FailureHooks::FailureHooks(OnFailedHook hook, QObject* parent)
    : QObject(parent)
    , m_hook(std::move(hook))
{ }

FailureHooks::~FailureHooks() = default;

void FailureHooks::run(const Task& task)
{
    auto* process = new QProcess(this);
    process->setProgram(m_hook.program);
    process->setProcessEnvironment(ProcessHandler::inheritedEnvironment());
    process->setArguments(m_hook.arguments);
    connect(process, &QProcess::finished, this, [this, process] {
        m_running.removeAll(process);
        process->deleteLater();
        if (m_running.isEmpty())
            emit allFinished();
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        emit hookFailed(QCoreApplication::translate("CtlCommandLine", "on_failed: cannot run %1: %2")
                            .arg(m_hook.program, process->errorString()));
        // A program that never started sends no finished().
        if (error == QProcess::FailedToStart && m_running.removeAll(process) > 0) {
            process->deleteLater();
            if (m_running.isEmpty())
                emit allFinished();
        }
    });
    m_running << process;
    QJsonObject event = taskToJson(task);
    event[u"event"] = QStringLiteral("task.failed");
    process->start();
    process->write(QJsonDocument(event).toJson(QJsonDocument::Compact));
    process->closeWriteChannel();
    QTimer::singleShot(60'000, process, [process] { process->kill(); });
}

void FailureHooks::waitForRunning(int timeoutMs)
{
    if (m_running.isEmpty())
        return;
    QEventLoop loop;
    connect(this, &FailureHooks::allFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace taskdeck
