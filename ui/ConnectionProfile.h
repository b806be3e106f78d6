#pragma once

#include "common/Result.h"
#include "db/Locator.h"

#include <QList>
#include <QString>

namespace taskdeck {

// A saved connection. Kept in QSettings without its password; the password lives in the OS keychain.
struct ConnectionProfile
{
    enum class Kind {
        Sqlite,
        Postgres,
        OdbcDsn,
        OdbcDriver,
        OdbcString,
    };
    QString name;
    Kind kind = Kind::Sqlite;
    QString sqlitePath;
    QString host = QStringLiteral("127.0.0.1");
    int port = 5432;
    QString database;
    QString user;
    QString sslMode = QStringLiteral("prefer");
    QString odbcDsn;
    QString odbcDriver;
    QString odbcConnectionString; // without a password
    QString dialect; // for ODBC: empty (detect), postgresql, mariadb, mysql
    bool rememberPassword = false;

    Result<Locator> locator(const QString& password) const;
    bool needsPassword() const { return kind != Kind::Sqlite; }

    static QList<ConnectionProfile> loadAll();
    static void saveAll(const QList<ConnectionProfile>& profiles);
};

} // namespace taskdeck
