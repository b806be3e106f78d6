#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl explain ID: why the task is where it is — for a waiting one, why it is not running.
class ExplainCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;
};

} // namespace taskdeck
