#pragma once

// What every benchmark program shares: where figures go, and stopping with the reason at the first error (a
// benchmark that goes on after one measures nothing).

#include "common/Result.h"
#include "store/TaskStore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QTextStream>

#include <cstdlib>
#include <utility>

namespace taskdeck::bench {

inline QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

[[noreturn]] inline void die(const QString& message)
{
    out().flush();
    QTextStream(stderr) << "error: " << message << Qt::endl;
    std::exit(1);
}

template<typename T>
T check(Result<T> result)
{
    if (!result)
        die(result.error().message);
    return std::move(result.value());
}

inline void check(const Status& status)
{
    if (!status)
        die(status.error().message);
}

// Runs one statement unprepared (PostgreSQL cannot prepare ANALYZE) and reads whatever it returns.
inline void execute(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        die(sql + QStringLiteral(": ") + q.lastError().text());
    while (q.next()) { }
}

// Empties the tables a benchmark fills: tasks, runs, statistics and workers, and the overview's counts (after the
// tasks, whose deletion the count triggers record).
inline void emptyTables(TaskStore& store)
{
    for (const char* table : {"tasks", "task_runs", "stats", "workers", "task_counts"})
        execute(store.database(),
                QStringLiteral("DELETE FROM %1").arg(store.dialect().tableName(QString::fromLatin1(table))));
}

} // namespace taskdeck::bench
