#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl queue: list queues, pause and resume them, set their limits.
class QueueCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;
};

} // namespace taskdeck
