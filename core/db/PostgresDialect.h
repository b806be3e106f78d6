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
    PostgresDialect();
    QString name() const override;
    bool isPermissionDenied(const QSqlError& error) const override;
    Status configureConnection(QSqlDatabase& db) const override;
    QList<Migration> migrations() const override;
    Status lockForMigration(QSqlDatabase& db) const override;
    QString sql(Sql statement) const override;
    QString claimSql(const ClaimShape& shape) const override;
    QString notificationChannel() const override;
    QString currentUserExpression() const override;
    QString nowExpression() const override;
    QString timeColumn(const QString& column) const override;
    QString timeParameter(const QString& placeholder) const override;
    QString tableName(const QString& logicalName) const override;
    QString literalSearchValue(const QString& text) const override;
    SearchIndexSql searchIndexSql() const override;

    QString batchSql(BatchSql statement, const BatchShape& shape) const override;

protected:
    QString containsLiteral(const QString& column, const QString& parameter) const override;
    QString searchCondition(const QString& parameter) const override;
    QString textPrefix(const QString& column, int characters) const override;
    QString addMs(const QString& time, const QString& msPlaceholder) const override;
    QString claimableQueueCondition(const ClaimShape& shape) const override;
    QString stateCheckForRowsById(const QString& condition) const override;

private:
    QString finishSucceededFromJsonSql(bool remove) const;
    QString insertTasksFromArraysSql(bool uniqueKeys) const;
    // task_counts and the triggers that keep it (schema migration 6).
    QStringList taskCountStatements() const;
};

} // namespace taskdeck
