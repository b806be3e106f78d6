#pragma once

#include "db/Locator.h"
#include "executor/Handler.h"

namespace taskdeck {

// Runs one allow-listed statement from the worker configuration in the task database, with :payload, :task_id and
// :attempt bound as parameters — never spliced into the text. Each pool thread keeps its own connection. A result
// row's first column, if any, becomes the task's result.
class SqlHandler final : public Handler
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::SqlHandler)
public:
    SqlHandler(Locator locator, QString statement);
    HandlerOutcome run(HandlerContext& context) const override;
    QString kind() const override;

private:
    Locator m_locator;
    QString m_statement;
};

} // namespace taskdeck
