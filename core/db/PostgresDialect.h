#pragma once

#include "db/Dialect.h"

#include <QCoreApplication>

namespace taskdeck {

// PostgreSQL ≥ 12, natively (QPSQL) or through psqlODBC. Objects live in the schema `taskdeck`; times are
// timestamptz truncated to milliseconds, so that what a client reads back compares equal to what is stored.
class PostgresDialect final : public Dialect
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::PostgresDialect)
public:
    QString name() const override;
    bool isPermissionDenied(const QSqlError& error) const override;
    QString finishSucceededFromJsonSql(bool remove) const override;
    Status configureConnection(QSqlDatabase& db) const override;
    QList<Migration> migrations() const override;
    Status lockForMigration(QSqlDatabase& db) const override;
    QString sql(Sql statement) const override;
    BatchInsert batchInsert(bool uniqueKeys) const override;
    BatchSuccess batchSuccess() const override;
    bool hasSearchIndex() const override;
    QString claimSql(const ClaimShape& shape) const override;
    bool failedStatementKeepsTransaction() const override;
    QString notificationChannel() const override;
    QString currentUserExpression() const override;
    QString insertTasksFromArraysSql(bool uniqueKeys) const override;
    QVariant arrayParameter(const QStringList& values) const override;
    bool loneInsertMayAutocommit() const override;
    bool loneClaimMayAutocommit() const override;
    bool insertTaskNotifiesWorkers() const override;
    QString nowExpression() const override;
    QString timeColumn(const QString& column) const override;
    QString timeParameter(const QString& placeholder) const override;
    QString tableName(const QString& logicalName) const override;
    bool triggersCountRunningTasks() const override;
    QString literalSearchValue(const QString& text) const override;
    QStringList searchIndexCreateSql() const override;
    QStringList searchIndexDropSql() const override;
    QString searchIndexMissingExtensionMessage(const QString& database) const override;

protected:
    QString containsLiteral(const QString& column, const QString& parameter) const override;
    QString searchCondition(const QString& parameter) const override;
    QString textPrefix(const QString& column, int characters) const override;
    QString addMs(const QString& time, const QString& msPlaceholder) const override;
    QString claimableQueueCondition(const ClaimShape& shape) const override;
    QString stateCheckForRowsById(const QString& condition) const override;

private:
    // task_counts and the triggers that keep it (schema migration 6).
    QStringList taskCountStatements() const;
};

} // namespace taskdeck
