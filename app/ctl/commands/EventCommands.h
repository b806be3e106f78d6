#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl subscribe, unsubscribe, subscriptions and publish: event fan-out.
class EventCommands : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;

private:
    int runSubscribe(const Invocation& context);
    int runUnsubscribe(const Invocation& context);
    int runSubscriptions(const Invocation& context);
    int runPublish(const Invocation& context);
};

} // namespace taskdeck
