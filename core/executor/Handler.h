#pragma once

#include "executor/CancellationToken.h"
#include "store/Task.h"

#include <QString>

#include <functional>
#include <optional>

namespace taskdeck {

// What a handler gets for one run. It runs on a pool thread; everything here is safe to use from there.
struct HandlerContext
{
    qint64 taskId = 0;
    int attempt = 0;
    int maxAttempts = 0;
    QString queue;
    QString handler;
    QString payload; // JSON
    const CancellationToken* token = nullptr;
    // Reports progress (0–100 and a short message); the worker writes it with its next heartbeat.
    std::function<void(int percent, const QString& message)> progress;

    bool cancelled() const { return token && token->isCancelled(); }
};

struct HandlerOutcome
{
    RunOutcome outcome = RunOutcome::Succeeded;
    bool retryable = true;
    QString message;
    QString resultJson;
    std::optional<qint64> retryDelayMs;

    static HandlerOutcome success(QString resultJson = {});
    static HandlerOutcome failure(QString message, bool retryable = true);
};

// A handler configured on the worker side. A task row only names one; what it does is decided here, so whoever can
// insert a row cannot make a worker run anything it was not configured to run. run() is called from several pool
// threads at once and must be thread-safe.
class Handler
{
public:
    virtual ~Handler() = default;
    virtual HandlerOutcome run(HandlerContext& context) const = 0;
    // "builtin", "process", "sql"
    virtual QString kind() const = 0;

    std::optional<int> timeoutS; // applies when the task has none of its own
};

} // namespace taskdeck
