#pragma once

#include "db/Dialect.h"

#include <QCoreApplication>

namespace taskdeck {

// The embedded backend (QSQLITE, SQLite ≥ 3.37 for STRICT tables and RETURNING). Times are INTEGER milliseconds
// since the Unix epoch, UTC: they compare and index as numbers and no driver can shift them by a time zone.
class SqliteDialect final : public Dialect
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::SqliteDialect)
public:
    SqliteDialect();
    QString name() const override;
    bool isPermissionDenied(const QSqlError& error) const override;
    Status configureConnection(QSqlDatabase& db) const override;
    Status beginWriteTransaction(QSqlDatabase& db) const override;
    QList<Migration> migrations() const override;
    QString sql(Sql statement) const override;
    QString claimSql(const ClaimShape& shape) const override;
    QString nowExpression() const override;
    QString tableName(const QString& logicalName) const override;
    QString literalSearchValue(const QString& text) const override;

    QString batchSql(BatchSql statement, const BatchShape& shape) const override;

protected:
    QString containsLiteral(const QString& column, const QString& parameter) const override;
    QString searchCondition(const QString& parameter) const override;
    QString textPrefix(const QString& column, int characters) const override;

private:
    QString insertTaskRowsSql(int rows, bool uniqueKeys) const;
    // task_counts and the triggers that keep it (schema migration 5).
    QStringList taskCountStatements() const;
    // The highest id a deleted task had, and the trigger that keeps it (schema migration 6).
    static Migration taskIdFloorMigration(int version);
};

} // namespace taskdeck
