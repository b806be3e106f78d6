#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl retry, delete and cancel: operator actions on tasks given by id or matching a filter.
class BulkActionCommands : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;

private:
    struct BulkAction;
    int runRetry(const Invocation& context);
    int runDelete(const Invocation& context);
    int runBulkAction(const Invocation& context, const BulkAction& action);
    int runCancel(const Invocation& context);
};

} // namespace taskdeck
