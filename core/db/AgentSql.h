#pragma once

// SQL Server Agent's msdb, as Agent-job mode reads and drives it (core/agent): T-SQL only, like the SQL Server
// dialect beside it.

#include <QString>
#include <QStringList>

namespace taskdeck {

// The statements Agent-job mode issues, each fixed text with bound parameters (the tests parse every one as T-SQL).
namespace AgentSql {
QString logTableColumns();
QString jobs();
// logColumn is one of kLogNameColumns (checked by the caller): never text from a user or a row.
QString logRows(const QString& logColumn);
QString history();
QString startJob();
QString deleteJob();
inline const QStringList kLogNameColumns{QStringLiteral("job_name"), QStringLiteral("task_name"), QStringLiteral("job"),
                                         QStringLiteral("name")};
} // namespace AgentSql

} // namespace taskdeck
