#pragma once

#include "executor/Handler.h"

#include <QJsonObject>

#include <functional>
#include <memory>

namespace taskdeck {

// A handler written in C++: how an application embedding TaskDeck adds its own work.
class FunctionHandler final : public Handler
{
public:
    using Function = std::function<HandlerOutcome(HandlerContext&)>;
    explicit FunctionHandler(Function function);
    HandlerOutcome run(HandlerContext& context) const override;
    QString kind() const override;

private:
    Function m_function;
};

// The builtins that ship for demos, tests and benchmarks:
//   noop  — succeeds at once;
//   sleep — {"ms": N}: waits N ms (cancellable), reporting progress;
//   fail  — {"message": "…", "retryable": true|false}: fails with that message;
//   echo  — succeeds with the payload as its result;
//   journal — appends "start"/"end" lines (task, attempt, pid, epoch ms) to the file named by the option "file",
//             waiting the option "ms" in between: fault tests use it to prove no task ran twice at once.
// Options come from the worker configuration, never from a payload. Returns nullptr for an unknown name or a missing
// option.
std::shared_ptr<Handler> makeBuiltinHandler(const QString& name, const QJsonObject& options = {});
QStringList builtinHandlerNames();

} // namespace taskdeck
