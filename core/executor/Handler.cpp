#include "executor/Handler.h"

namespace taskdeck {

HandlerOutcome HandlerOutcome::success(QString resultJson)
{
    HandlerOutcome outcome;
    outcome.resultJson = std::move(resultJson);
    return outcome;
}

HandlerOutcome HandlerOutcome::failure(QString message, bool retryable)
{
    HandlerOutcome outcome;
    outcome.outcome = RunOutcome::Failed;
    outcome.message = std::move(message);
    outcome.retryable = retryable;
    return outcome;
}

} // namespace taskdeck
