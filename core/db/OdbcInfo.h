#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace taskdeck {

// What an open QODBC connection's driver reports about its database (SQLGetInfo). Qt's dbmsType() cannot be
// trusted here: it says Unknown for MariaDB.
struct OdbcInfo
{
    QString dbmsName; // "PostgreSQL", "MariaDB", "MySQL", "Microsoft SQL Server", …
    QString dbmsVersion; // as the driver reports it
    QString driverName; // e.g. psqlodbcw.so

    static OdbcInfo read(const QSqlDatabase& db);
};

} // namespace taskdeck

namespace taskdeck {

// What the connection dialog offers: the data source names (user and system) and the installed drivers.
struct OdbcCatalog
{
    QStringList dataSources;
    QStringList drivers;
};
OdbcCatalog readOdbcCatalog();

} // namespace taskdeck
