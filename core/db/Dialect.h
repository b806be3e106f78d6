#pragma once

#include "common/Result.h"
#include "db/Migration.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

class QSqlError;

namespace taskdeck {

// The fixed statements of the store. Each dialect gives the full SQL text of each one; placeholders are named
// (:name) and bound by the store. Two tokens are expanded before a statement is prepared: {now} becomes the
// database's clock in UTC (or a bound :now when a test clock is in use) and {ids} a list of :id0, :id1, …
enum class Sql {
    SchemaTableExists,
    SelectSchemaVersion,
    InsertSchemaVersion,
    InsertTask,
    SelectTaskIdByUniqueKey,
    FinishSucceeded,
    FinishFailed,
    FinishCancelled,
    InsertRun,
    UpsertStats,
    SelectQueuePolicies,
    ExtendLeases,
    SelectLeaseStates,
    SelectExpiredLeases,
    RescueLease,
    RetryTasks,
    DeleteTasks,
    CancelPendingTasks,
    RequestCancelRunningTasks,
    InsertOperatorAction,
    SelectTask,
    SelectTaskRuns,
    CountTasks,
    SelectStats,
    SelectDatabaseTime,
    UpsertQueuePaused,
};

// What the store asks the claim builder for.
struct ClaimShape
{
    int queueCount = 0; // 0: any queue
    int handlerCount = 0; // 0: any handler
};

// Which list query the builder makes; the filter values are bound by the store under fixed names.
struct ListShape
{
    enum class SortKey {
        Id,
        RunAt,
        CreatedAt,
        Priority,
    };
    QStringList displayStates; // pending, scheduled, retrying, running, succeeded, failed, cancelled
    int queueCount = 0; // :queue0…
    int handlerCount = 0; // :handler0…
    bool search = false; // :search
    bool createdFrom = false; // :created_from
    bool createdTo = false; // :created_to
    bool idsOnly = false; // SELECT id only, no sort key other than id, no limit
    SortKey sortKey = SortKey::Id;
    bool descending = true;
    bool afterCursor = false; // :cursor_value, :cursor_id
};

// Everything that differs between databases lives behind this interface: SQL text, types, sessions and errors.
class Dialect
{
public:
    virtual ~Dialect() = default;

    // "sqlite", "postgresql", "mariadb", "sqlserver"
    virtual QString name() const = 0;

    // Session setup right after the connection opens (pragmas, session time zone, isolation).
    virtual Status configureConnection(QSqlDatabase& db) const = 0;
    // Starts a write transaction that will not fail later because another writer got there first.
    virtual Status beginWriteTransaction(QSqlDatabase& db) const;

    virtual QList<Migration> migrations() const = 0;
    // Takes the lock that serialises concurrent migrations (servers); SQLite's write transaction already does.
    virtual Status lockForMigration(QSqlDatabase& db) const;

    virtual QString sql(Sql statement) const = 0;
    virtual QString claimSql(const ClaimShape& shape) const = 0;
    QString listSql(const ListShape& shape) const;

    // The database clock as an SQL expression of the type timeValue() binds.
    virtual QString nowExpression() const = 0;
    virtual QVariant timeValue(const QDateTime& utc) const = 0;
    virtual QDateTime readTime(const QVariant& value) const = 0;
    // Drivers differ in how they bind strings (MariaDB's ODBC driver appends NUL to QString binds).
    virtual QVariant textValue(const QString& text) const;
    virtual QString readText(const QVariant& value) const;
    virtual bool readBool(const QVariant& value) const;

    virtual bool isUniqueViolation(const QSqlError& error) const = 0;

    // The qualified name of a logical table ("tasks" → taskdeck_tasks or taskdeck.tasks).
    virtual QString tableName(const QString& logicalName) const = 0;

protected:
    // Pieces listSql() is built from.
    virtual QString containsLiteral(const QString& column, const QString& parameter) const = 0;
    virtual QString textPrefix(const QString& column, int characters) const = 0;
    virtual QString limitClause(const QString& parameter) const;
    QString displayStateExpression() const;
    QString taskColumns(bool payloadPreview) const;
};

// Column order of taskColumns(): the store reads rows by these indexes.
namespace TaskColumn {
enum : int {
    Id,
    Queue,
    Handler,
    Payload,
    Priority,
    RunAt,
    State,
    Attempts,
    MaxAttempts,
    UniqueKey,
    TimeoutS,
    LockedBy,
    LockedUntil,
    CancelRequested,
    CreatedAt,
    StartedAt,
    FinishedAt,
    LastError,
    Result,
    Progress,
    ProgressMessage,
    DisplayState,
    Count
};
} // namespace TaskColumn

} // namespace taskdeck
