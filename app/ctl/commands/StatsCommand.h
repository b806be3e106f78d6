#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl stats: counts per state and queue, recent throughput, workers.
class StatsCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;
};

} // namespace taskdeck
