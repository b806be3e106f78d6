#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl worker: run tasks with the handlers of a configuration file until stopped.
class WorkerCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;
};

} // namespace taskdeck
