#pragma once

#include "db/Dialect.h"

#include <QCoreApplication>

namespace taskdeck {

// MariaDB ≥ 10.6 (and MySQL 8) through MariaDB Connector/ODBC. Tables carry the prefix taskdeck_, utf8mb4 with a
// binary NO PAD collation (so 'a' ≠ 'A' and 'a' ≠ 'a '), DATETIME(6) in UTC; claims run under READ COMMITTED as
// SELECT … FOR UPDATE SKIP LOCKED, then UPDATE, because MariaDB has no UPDATE … RETURNING.
class MariaDbDialect final : public Dialect
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::MariaDbDialect)
public:
    enum class Flavor {
        MariaDb,
        MySql,
    };
    explicit MariaDbDialect(Flavor flavor = Flavor::MariaDb);

    QString name() const override;
    bool isPermissionDenied(const QSqlError& error) const override;
    Status configureConnection(QSqlDatabase& db) const override;
    QList<Migration> migrations() const override;
    Status lockForMigration(QSqlDatabase& db) const override;
    void unlockAfterMigration(QSqlDatabase& db) const override;
    QString sql(Sql statement) const override;
    QString claimLockSql(const ClaimShape& shape) const override;
    QString currentUserExpression() const override;
    QString nowExpression() const override;
    QString timeColumn(const QString& column) const override;
    QString timeParameter(const QString& placeholder) const override;
    QString tableName(const QString& logicalName) const override;

    QString batchSql(BatchSql statement, const BatchShape& shape) const override;

protected:
    QString containsLiteral(const QString& column, const QString& parameter) const override;
    QString textPrefix(const QString& column, int characters) const override;
    QString addMs(const QString& time, const QString& msPlaceholder) const override;

private:
    QString insertTasksFromJsonSql(bool uniqueKeys) const;
    QString removeSucceededByPairsSql(int rows) const;
    QString lockSucceededByPairsSql(int rows) const;
    QString finishSucceededByPairsSql(int rows) const;
    QString collation() const;
    // task_counts and the triggers that keep it (schema migration 6); table: the CREATE TABLE options.
    QStringList taskCountStatements(const QString& table) const;

    Flavor m_flavor;
};

} // namespace taskdeck
