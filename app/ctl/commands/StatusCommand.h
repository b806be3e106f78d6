#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl status: one task, and waiting for it to finish.
class StatusCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;
};

} // namespace taskdeck
