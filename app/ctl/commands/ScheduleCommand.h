#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl schedule: recurring tasks (cron in a time zone).
class ScheduleCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;
};

} // namespace taskdeck
