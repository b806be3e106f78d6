#pragma once

#include "db/Dialect.h"

#include <QCoreApplication>

namespace taskdeck {

// SQL Server 2017+ through Microsoft's ODBC Driver 17/18 or FreeTDS. Schema `taskdeck`; names and keys in a _BIN2
// collation (byte-for-byte, as on the other databases); datetime2(3) in UTC; claims as a CTE with TOP (n) … ORDER BY
// under ROWLOCK, READPAST, UPDLOCK, whose UPDATE writes the claimed ids with OUTPUT … INTO a table variable (OUTPUT
// without INTO fails on tables with triggers); the SQL API as procedures with SET NOCOUNT ON.
//
// Written from the documentation: no SQL Server runs where TaskDeck is built. Every statement is parsed by sqlfluff's
// T-SQL grammar in the tests, and the backend suites run against a real server when TASKDECK_TEST_MSSQL is set
// (docs/sqlserver.md says what has run where).
class SqlServerDialect final : public Dialect
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::SqlServerDialect)
public:
    // The session settings and the migration lock, as issued (the tests parse every statement).
    static QStringList sessionStatements();
    static QString migrationLockSql();

    SqlServerDialect();
    QString name() const override;
    bool isPermissionDenied(const QSqlError& error) const override;
    Status configureConnection(QSqlDatabase& db) const override;
    QList<Migration> migrations() const override;
    Status lockForMigration(QSqlDatabase& db) const override;
    QString sql(Sql statement) const override;
    QString claimSql(const ClaimShape& shape) const override;
    QString boolLiteral(bool value) const override;
    QString boolFromParameter(const QString& placeholder) const override;
    QString isTrue(const QString& column) const override;
    QString isFalse(const QString& column) const override;
    QString currentUserExpression() const override;
    QString nowExpression() const override;
    QString timeColumn(const QString& column) const override;
    QString timeParameter(const QString& placeholder) const override;
    QString tableName(const QString& logicalName) const override;

protected:
    QString containsLiteral(const QString& column, const QString& parameter) const override;
    QString textPrefix(const QString& column, int characters) const override;
    QString limited(const QString& select, const QString& count) const override;
    QString addMs(const QString& time, const QString& msPlaceholder) const override;

private:
    // task_counts and the trigger that keeps it (schema migration 6).
    QStringList taskCountStatements() const;
};

} // namespace taskdeck
