#include "platform/ProcessTree.h"

#include <QFileInfo>
#include <QProcess>

#include <csignal>
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

namespace taskdeck {

namespace {

constexpr int kGuardCannotStart = 127; // app/guard/main.cpp
constexpr qint64 kEndWaitMs = 5'000;

// Every guard's lifeline: one pipe per worker process whose write end is never closed, so that it closes exactly
// when the process dies, however it dies. Both ends close on exec; a guard is handed the read end on purpose.
struct Lifeline
{
    int readFd = -1;
    int writeFd = -1;
};

const Lifeline& lifeline()
{
    static const Lifeline pipe = [] {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            return Lifeline{};
        return Lifeline{fds[0], fds[1]};
    }();
    return pipe;
}

bool isExecutableFile(const QString& path)
{
    const QFileInfo info(path);
    return !path.isEmpty() && info.isFile() && info.isExecutable();
}

} // namespace

struct ProcessTree::Platform
{
    QProcess* process = nullptr;
};

ProcessTree::ProcessTree()
    : m_platform(std::make_unique<Platform>())
{ }

ProcessTree::~ProcessTree()
{
    end();
}

QString ProcessTree::guardProgram()
{
    static const QString kName = QStringLiteral("taskdeck-handler-guard");
    if (qEnvironmentVariableIsSet("TASKDECK_HANDLER_GUARD")) {
        const QString chosen = qEnvironmentVariable("TASKDECK_HANDLER_GUARD");
        return isExecutableFile(chosen) ? chosen : QString();
    }
    QStringList candidates;
    if (QCoreApplication::instance()) {
        const QString dir = QCoreApplication::applicationDirPath();
        candidates << dir + QLatin1Char('/') + kName << dir + QStringLiteral("/../libexec/taskdeck/") + kName;
    }
    candidates << QStringLiteral(TASKDECK_GUARD_INSTALLED_PATH) << QStringLiteral(TASKDECK_GUARD_BUILD_PATH);
    for (const QString& candidate : std::as_const(candidates)) {
        if (isExecutableFile(candidate))
            return QFileInfo(candidate).canonicalFilePath();
    }
    return {};
}

Result<void> ProcessTree::prepare(QProcess& process, const QString& program, const QStringList& arguments)
{
    const QString guard = guardProgram();
    if (guard.isEmpty())
        return makeError(ErrorCode::Unsupported,
                         tr("cannot run process handlers: taskdeck-handler-guard, which ends a handler's processes "
                            "with its worker, was not found beside this program, in ../libexec/taskdeck or at %1 — "
                            "reinstall TaskDeck or set TASKDECK_HANDLER_GUARD to its path")
                             .arg(QStringLiteral(TASKDECK_GUARD_INSTALLED_PATH)));
    const int readFd = lifeline().readFd;
    if (readFd < 0)
        return makeError(ErrorCode::Io,
                         tr("cannot run process handlers: no pipe could be made to watch the worker "
                            "(too many open files?)"));
    process.setProgram(guard);
    process.setArguments(QStringList{QString::number(readFd), program} + arguments);
    // A session of its own, so that nothing the terminal sends the worker reaches the handler; the lifeline's read
    // end is kept across exec for the guard alone (async-signal-safe calls only: this runs between fork and exec).
    process.setChildProcessModifier([readFd] {
        ::setsid();
        ::fcntl(readFd, F_SETFD, 0);
    });
    m_platform->process = &process;
    return {};
}

void ProcessTree::requestStop()
{
    QProcess* process = m_platform->process;
    if (process && process->state() != QProcess::NotRunning)
        ::kill(pid_t(process->processId()), SIGTERM); // the guard passes it to every process of the tree
}

void ProcessTree::end()
{
    QProcess* process = m_platform->process;
    if (!process || process->state() == QProcess::NotRunning)
        return;
    const pid_t guard = pid_t(process->processId());
    ::kill(guard, SIGUSR1); // the guard ends the tree, then itself
    if (!process->waitForFinished(kEndWaitMs)) {
        // A guard that does not answer (stopped, or not ours): its session, the guard and the program with it.
        ::kill(-guard, SIGKILL);
        process->waitForFinished(kEndWaitMs);
    }
}

bool ProcessTree::isStartFailure(int exitCode, const QString& standardError)
{
    return exitCode == kGuardCannotStart &&
        standardError.contains(QLatin1String("taskdeck-handler-guard: cannot start"));
}

} // namespace taskdeck
