#include "executor/WindowsJob.h"
#include "platform/ProcessTree.h"

#include <QProcess>

namespace taskdeck {

namespace {
constexpr int kEndWaitMs = 5'000;
}

struct ProcessTree::Platform
{
    win::ProcessTreeJob job;
    win::ProcessTreeJob::Startup startup;
    QProcess* process = nullptr;
};

ProcessTree::ProcessTree()
    : m_platform(std::make_unique<Platform>())
{ }

// The job closes with m_platform: kill-on-close ends whatever the program left running.
ProcessTree::~ProcessTree() = default;

QString ProcessTree::guardProgram()
{
    return {};
}

Result<void> ProcessTree::prepare(QProcess& process, const QString& program, const QStringList& arguments)
{
    if (!m_platform->job.isValid())
        return makeError(ErrorCode::Io,
                         tr("cannot run process handlers: Windows refused a Job Object to hold the "
                            "handler's processes"));
    process.setProgram(program);
    process.setArguments(arguments);
    // The program is created inside the job and in a process group of its own: the tree can be asked to stop
    // (CTRL_BREAK) and then ended at once, and no child can escape between its start and an assignment.
    Platform* platform = m_platform.get();
    process.setCreateProcessArgumentsModifier([platform](QProcess::CreateProcessArguments* args) {
        args->flags |= CREATE_NEW_PROCESS_GROUP;
        if (platform->job.prepare(platform->startup, *args->startupInfo)) {
            args->flags |= EXTENDED_STARTUPINFO_PRESENT;
            args->startupInfo = &platform->startup.info.StartupInfo;
        }
    });
    m_platform->process = &process;
    return {};
}

void ProcessTree::requestStop()
{
    QProcess* process = m_platform->process;
    if (process && process->state() != QProcess::NotRunning)
        win::ProcessTreeJob::requestStop(DWORD(process->processId()));
}

void ProcessTree::end()
{
    m_platform->job.terminate(1);
    if (QProcess* process = m_platform->process; process && process->state() != QProcess::NotRunning)
        process->waitForFinished(kEndWaitMs);
}

bool ProcessTree::isStartFailure(int, const QString&)
{
    return false;
}

} // namespace taskdeck
