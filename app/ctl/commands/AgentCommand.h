#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl agent: the seed design's one-off SQL Server Agent jobs, shown and repaired as they are.
class AgentCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;
};

} // namespace taskdeck
