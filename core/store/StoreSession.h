#pragma once

#include "db/DatabaseConnection.h"
#include "store/StoreTypes.h"

#include <QCoreApplication>

#include <memory>
#include <unordered_map>

namespace taskdeck {

// What every unit of the store works through: the connection (it belongs to the thread that opened it), the schema
// it found, the prepared-statement cache, write transactions that nest (a unit's write joins its caller's
// transaction: transactional enqueue), error mapping, the audit log, and the few settings that several units read.
class StoreSession
{
    // One translation context for the whole store, whichever unit says it.
    Q_DECLARE_TR_FUNCTIONS(taskdeck::TaskStore)
public:
    StoreSession(std::unique_ptr<DatabaseConnection> connection, StoreOptions options);
    ~StoreSession(); // rolls back an open transaction
    StoreSession(const StoreSession&) = delete;
    StoreSession& operator=(const StoreSession&) = delete;

    const Locator& locator() const { return m_connection->locator(); }
    const Dialect& dialect() const { return m_connection->dialect(); }
    QSqlDatabase database() const { return m_connection->database(); }
    const StoreOptions& options() const { return m_options; }

    // Schema: read on open, migrated by `init` (SchemaMode::CreateOrUpgrade).
    Status ensureSchema(SchemaMode mode);
    const SchemaInfo& schema() const { return m_schema; }
    bool isReadOnly() const { return m_readOnly; }
    static int binaryVersionFor(const Dialect& dialect);
    QString probeWriteAccess();

    // Statements, prepared once and kept: {now} becomes the dialect's clock (or :now under a test clock), {ids}
    // idSlots placeholders :id0…
    Result<QSqlQuery*> prepare(const QString& sqlTemplate, int idSlots = 0);
    Result<QSqlQuery*> prepare(Sql statement, int idSlots = 0);
    // Drops a statement prepare() keeps, so that the next prepare() makes it anew.
    void forgetStatement(const QSqlQuery* query);
    void forgetAllStatements();
    qsizetype statementCount() const { return m_statements.size(); }
    enum class OnFailure {
        DoomTransaction,
        KeepTransaction, // only where the dialect says a failed statement leaves the transaction intact
    };
    Status exec(QSqlQuery& query, const QString& what, OnFailure onFailure = OnFailure::DoomTransaction);
    // The database account for messages: the locator's user, else "this account" (a DSN may hold it).
    QString accountName() const;

    // Write transactions (WriteScope is the way to use them): nested calls join the outermost one.
    Status transaction(const std::function<Status()>& body);
    Status beginWrite();
    Status commitWrite();
    void rollbackWrite();
    bool inTransaction() const { return m_transactionDepth > 0; }
    // The open transaction can only roll back now (a statement in it failed and was not answered).
    void doomTransaction() { m_rollbackOnly = m_transactionDepth > 0; }
    // Refuses a write to a database whose schema is newer than this build understands.
    Status checkWritable() const;
    // Runnable tasks were written: announce them to this process's workers (LocalWakeups) at the outermost commit.
    void wakeLocalWorkersAtCommit() { m_wakeLocalWorkers = true; }

    Status insertOperatorAction(const QString& action, qint64 count, const QString& detail);
    Result<std::optional<qint64>> taskIdByUniqueKey(const QString& uniqueKey);
    Result<QDateTime> databaseTime();

    // Whether a queue had a concurrency limit when a claim last read them, and when (monotonic): claims take one
    // statement instead of a locked transaction while none had (LeaseLedger::claim). Unknown until read.
    bool limitedQueuesSeen = true;
    qint64 limitsReadAtMs = 0;

private:
    Error permissionDenied(const QString& what, const QString& driverText) const;
    Result<SchemaInfo> readSchemaInfo();
    Status migrate();

    std::unique_ptr<DatabaseConnection> m_connection;
    StoreOptions m_options;
    SchemaInfo m_schema;
    bool m_readOnly = false;
    int m_transactionDepth = 0;
    bool m_rollbackOnly = false;
    bool m_wakeLocalWorkers = false;
    // Prepared statements by final SQL text. Declared after the connection so they are destroyed before it.
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    // The same statements found by name, without building and hashing their text on every call.
    std::unordered_map<Sql, QSqlQuery*> m_statementsBySql;
};

} // namespace taskdeck
