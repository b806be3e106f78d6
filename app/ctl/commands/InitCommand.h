#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl init: create or upgrade the schema.
class InitCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;
};

} // namespace taskdeck
