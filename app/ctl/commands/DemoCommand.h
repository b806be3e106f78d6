#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl demo: sample tasks of a small shop, run by a real worker with the demo's handlers.
class DemoCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;
};

} // namespace taskdeck
