#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl enqueue: add one task.
class EnqueueCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;
};

} // namespace taskdeck
