#pragma once

#include "executor/Handler.h"

#include <QCoreApplication>
#include <QMap>
#include <QProcessEnvironment>
#include <QStringList>

namespace taskdeck {

// Runs an allow-listed program with a fixed argument list. The payload goes to its standard input; the task's id,
// attempt, queue and handler to its environment (TASKDECK_TASK_ID, …) — never into its command line. It runs in a
// ProcessTree (platform/ProcessTree.h): a timeout or a cancellation stops it and every process it started (TERM, then
// KILL after the grace period), and nothing it started outlives the run or the worker, even a worker that is killed.
//
// Exit codes: 0 success, 75 "retry later" (EX_TEMPFAIL), 65 "fail permanently" (EX_DATAERR), anything else a
// retryable failure. Lines "::progress N message" on standard output report progress; a last line
// "::result JSON" is the result. The tails of standard output and error are recorded with the run.
class ProcessHandler final : public Handler
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::ProcessHandler)
public:
    static constexpr int kRetryLater = 75;
    static constexpr int kFailPermanently = 65;

    QString program;
    QStringList arguments;
    QMap<QString, QString> environment;
    QString workingDirectory;
    qint64 killGraceMs = 5'000;

    HandlerOutcome run(HandlerContext& context) const override;
    QString kind() const override;

    // The environment every program the worker starts inherits: the worker's own, without the database password
    // (TASKDECK_DB_PASSWORD), which a handler has no business seeing.
    static QProcessEnvironment inheritedEnvironment();
};

} // namespace taskdeck
