#pragma once

#include "app/ctl/Command.h"

namespace taskdeck {

// taskdeckctl search-index: the index for literal text search.
class SearchIndexCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;
};

} // namespace taskdeck
