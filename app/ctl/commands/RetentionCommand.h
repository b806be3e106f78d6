#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl retention: how long finished work is kept, and pruning it now.
class RetentionCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;
};

} // namespace taskdeck
