#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl audit: who did what.
class AuditCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;
};

} // namespace taskdeck
