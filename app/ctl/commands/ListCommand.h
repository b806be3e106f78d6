#pragma once

#include "app/ctl/Command.h"
#include "store/Requests.h"

namespace taskdeck {

class TaskStore;

// taskdeckctl list: tasks by filter, a page at a time, as text, JSON or CSV.
class ListCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    using Command::Command;

    int run(const Invocation& context) override;

private:
    int writeCsv(TaskStore& store, const TaskQuery& query, const QString& path);
};

} // namespace taskdeck
