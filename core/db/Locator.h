#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

namespace taskdeck {

// Where the task database is: parsed from `--db URL` / TASKDECK_DB. Passwords may sit in a locator but are never
// printed: redacted() is the only form that goes to logs, errors and the console.
class Locator
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::Locator)

    // The forms a locator takes, for messages about one that is not.
    static QString formsHint()
    {
        return tr(
            "use sqlite:PATH, odbc:CONNECTION-STRING (e.g. odbc:DSN=tasks) or postgresql://USER@HOST:PORT/DATABASE");
    }

public:
    enum class Kind {
        Sqlite,
        Odbc,
        PostgreSql,
    };

    static Result<Locator> parse(const QString& text);
    // The embedded database used when no locator is given, in the platform's data folder.
    static Locator defaultEmbedded();
    static QString defaultEmbeddedPath();

    Kind kind() const { return m_kind; }
    QString qtDriverName() const;
    // The Debian package that provides qtDriverName(), for "driver missing" messages.
    QString driverPackageHint() const;
    QString redacted() const;

    // Sqlite
    QString sqlitePath() const { return m_sqlitePath; }

    // Odbc: the connection string without TaskDeck's own keys, and the dialect the user forced with `dialect=`.
    QString odbcConnectionString() const { return m_odbcConnectionString; }
    QString dialectOverride() const { return m_dialectOverride; }
    bool odbcHasPassword() const;

    // PostgreSql
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString databaseName() const { return m_database; }
    QString userName() const { return m_user; }
    QString password() const { return m_password; }
    void setPassword(const QString& password) { m_password = password; }
    // libpq options (sslmode, connect_timeout, …) as "k=v;k=v" for QSqlDatabase::setConnectOptions.
    QString postgresOptions() const;

    // ODBC "KEY=value" pairs split the way drivers read them ({…} protects ';').
    static QList<QPair<QString, QString>> splitOdbcConnectionString(const QString& text);
    static QString quoteOdbcValue(const QString& value);

private:
    // Hides anything that could be a password in text that did not parse as a locator.
    static QString redactedText(const QString& text);

    Kind m_kind = Kind::Sqlite;
    QString m_sqlitePath;
    QString m_odbcConnectionString;
    QString m_dialectOverride;
    QString m_host;
    int m_port = 5432;
    QString m_database;
    QString m_user;
    QString m_password;
    QList<QPair<QString, QString>> m_postgresOptions;
};

} // namespace taskdeck
