#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>

class QProcess;

namespace taskdeck {

// A process handler's program and everything it starts, held so that none of it outlives the run or the worker:
//   - Linux: the program runs under taskdeck-handler-guard, a child subreaper that watches the worker through a
//     lifeline pipe (see app/guard/main.cpp);
//   - Windows: the program is created inside a Job Object with kill-on-close (executor/WindowsJob.h).
// On both, the whole tree — grandchildren, children that left the process group or session, daemons — ends
//   - when the program exits (whatever it left running goes with it),
//   - when end() is called (a timeout, a cancellation, a lost lease),
//   - and when the worker process dies, however it dies: on Linux within milliseconds of the worker's death
//     (the guard reads end-of-file on the lifeline), on Windows when the system closes the worker's job handle.
// One ProcessTree per run; it belongs to the thread that runs the handler.
class ProcessTree
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::ProcessTree)
public:
    ProcessTree();
    ~ProcessTree(); // ends whatever is still running
    ProcessTree(const ProcessTree&) = delete;
    ProcessTree& operator=(const ProcessTree&) = delete;

    // Sets `process` up to start `program` with `arguments` inside this tree; start it with QProcess::start().
    // `process` must outlive this tree. An error says what is missing (on Linux, the guard program) and what to do.
    Result<void> prepare(QProcess& process, const QString& program, const QStringList& arguments);

    // The polite request to stop: SIGTERM to every process of the tree (Linux), CTRL_BREAK to the program's process
    // group (Windows). The program may clean up; end() follows after the grace period.
    void requestStop();

    // Every process of the tree ends now. Returns once the program has exited (waiting at most a few seconds).
    void end();

    // Whether a finished run is the guard's own report that the program could not be started (its reason is in
    // `standardError`). Always false on Windows, where QProcess itself reports a program that cannot start.
    static bool isStartFailure(int exitCode, const QString& standardError);

    // Where the Linux guard program is looked for, in order: $TASKDECK_HANDLER_GUARD, beside the running program,
    // ../libexec/taskdeck beside it (installed layout), the build tree. Empty when not found (and on Windows).
    static QString guardProgram();

private:
    struct Platform;
    std::unique_ptr<Platform> m_platform;
};

} // namespace taskdeck
