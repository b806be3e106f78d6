#include "db/DatabaseConnection.h"

#include "common/Translate.h"
#include "db/MariaDbDialect.h"
#include "db/OdbcEnvironment.h"
#include "db/OdbcInfo.h"
#include "db/PostgresDialect.h"
#include "db/SqlServerDialect.h"
#include "db/SqlThreadGuard.h"
#include "db/SqliteDialect.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>

#include <algorithm>

namespace taskdeck {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("taskdeck-%1").arg(counter.fetchAndAddRelaxed(1));
}

Status checkDriver(const Locator& locator)
{
    if (QSqlDatabase::isDriverAvailable(locator.qtDriverName()))
        return {};
    return makeError(ErrorCode::DriverMissing,
                     tr("the Qt SQL driver %1 needed for %2 is not installed: install the package %3 (Debian/Ubuntu) "
                        "or the Qt SQL plugin of your platform")
                         .arg(locator.qtDriverName(), locator.redacted(), locator.driverPackageHint()));
}

Result<QString> prepareSqliteFile(const Locator& locator, DatabaseConnection::Create create)
{
    const QFileInfo file(locator.sqlitePath());
    if (file.exists()) {
        if (file.isDir())
            return makeError(ErrorCode::Unavailable,
                             tr("%1 is a folder, not a database file").arg(QDir::toNativeSeparators(file.filePath())));
        return file.absoluteFilePath();
    }
    if (create == DatabaseConnection::Create::No)
        return makeError(
            ErrorCode::SchemaMissing,
            tr("there is no database at %1 — check the path, or create it with: taskdeckctl --db sqlite:%2 "
               "init")
                .arg(QDir::toNativeSeparators(file.absoluteFilePath()), locator.sqlitePath()));
    if (!QDir().mkpath(file.absolutePath()))
        return makeError(ErrorCode::Io,
                         tr("cannot create the folder %1 for the database: check its permissions")
                             .arg(QDir::toNativeSeparators(file.absolutePath())));
    return file.absoluteFilePath();
}

bool hasKey(const QList<QPair<QString, QString>>& pairs, const char* key)
{
    return std::any_of(pairs.cbegin(), pairs.cend(), [key](const QPair<QString, QString>& pair) {
        return pair.first.compare(QLatin1String(key), Qt::CaseInsensitive) == 0;
    });
}

// The connection string handed to the driver manager: the user's keys, the password from TASKDECK_DB_PASSWORD when
// the string has none, and psqlODBC's communication log switched off (Debian enables it, and it writes
// connection strings to /tmp).
QString odbcConnectionString(const Locator& locator)
{
    const auto pairs = Locator::splitOdbcConnectionString(locator.odbcConnectionString());
    QString text = locator.odbcConnectionString();
    const QString password =
        locator.password().isEmpty() ? qEnvironmentVariable("TASKDECK_DB_PASSWORD") : locator.password();
    if (!locator.odbcHasPassword() && !password.isEmpty())
        text += QLatin1String(";PWD=") + Locator::quoteOdbcValue(password);
    bool maybePostgres = hasKey(pairs, "DSN");
    for (const auto& [key, value] : pairs) {
        if (key.compare(QLatin1String("DRIVER"), Qt::CaseInsensitive) == 0 &&
            value.contains(QLatin1String("postgres"), Qt::CaseInsensitive))
            maybePostgres = true;
    }
    if (maybePostgres && !hasKey(pairs, "CommLog"))
        text += QLatin1String(";CommLog=0");
    if (maybePostgres && !hasKey(pairs, "Debug"))
        text += QLatin1String(";Debug=0");
    return text;
}

QString connectionFailure(const Locator& locator, const QString& driverText)
{
    if (locator.kind() == Locator::Kind::PostgreSql)
        return QCoreApplication::translate("DatabaseConnection",
                                           "cannot connect to PostgreSQL at %1:%2 (database %3, user %4) through the "
                                           "native driver: %5 — check that the server is running and accepts TCP "
                                           "connections from this machine, and the user and password "
                                           "(TASKDECK_DB_PASSWORD)")
            .arg(locator.host())
            .arg(locator.port())
            .arg(locator.databaseName(), locator.userName().isEmpty() ? QStringLiteral("-") : locator.userName(),
                 driverText.trimmed());
    return QCoreApplication::translate(
               "DatabaseConnection",
               "cannot connect through ODBC with %1: %2 — check that the driver named in DRIVER= "
               "is installed (odbcinst -q -d) or that the DSN exists (odbcinst -q -s), and the "
               "server, port, database, user and password (TASKDECK_DB_PASSWORD)")
        .arg(locator.redacted(), driverText.trimmed());
}

Result<std::unique_ptr<Dialect>> odbcDialect(const Locator& locator, const QSqlDatabase& db)
{
    const OdbcInfo info = OdbcInfo::read(db);
    QString dialect = locator.dialectOverride();
    const QString dbms = info.dbmsName;
    if (dialect.isEmpty()) {
        if (dbms.contains(QLatin1String("PostgreSQL"), Qt::CaseInsensitive))
            dialect = QStringLiteral("postgresql");
        else if (dbms.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive) ||
                 info.dbmsVersion.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive))
            dialect = QStringLiteral("mariadb");
        else if (dbms.contains(QLatin1String("MySQL"), Qt::CaseInsensitive))
            dialect = QStringLiteral("mysql");
        else if (dbms.contains(QLatin1String("SQL Server"), Qt::CaseInsensitive))
            dialect = QStringLiteral("sqlserver");
        else if (dbms.contains(QLatin1String("SQLite"), Qt::CaseInsensitive))
            dialect = QStringLiteral("sqlite");
    }
    const QString reached =
        dbms.isEmpty() ? QStringLiteral("an unknown database") : dbms + QLatin1Char(' ') + info.dbmsVersion;
    if (dialect == QLatin1String("postgresql"))
        return std::unique_ptr<Dialect>(std::make_unique<PostgresDialect>());
    if (dialect == QLatin1String("mariadb") || dialect == QLatin1String("mysql")) {
        const bool mysql = dialect == QLatin1String("mysql") ||
            (!info.dbmsVersion.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive) &&
             dbms.contains(QLatin1String("MySQL"), Qt::CaseInsensitive));
        return std::unique_ptr<Dialect>(
            std::make_unique<MariaDbDialect>(mysql ? MariaDbDialect::Flavor::MySql : MariaDbDialect::Flavor::MariaDb));
    }
    if (dialect == QLatin1String("sqlserver"))
        return std::unique_ptr<Dialect>(std::make_unique<SqlServerDialect>());
    if (dialect == QLatin1String("sqlite"))
        return makeError(ErrorCode::Unsupported,
                         QCoreApplication::translate("DatabaseConnection",
                                                     "%1 reached SQLite through ODBC, which loses claimed tasks (its "
                                                     "driver drops RETURNING rows): use sqlite:PATH instead")
                             .arg(locator.redacted()));
    return makeError(ErrorCode::Unsupported,
                     QCoreApplication::translate("DatabaseConnection",
                                                 "%1 reached %2, for which this build of TaskDeck has no dialect: "
                                                 "TaskDeck speaks PostgreSQL, MariaDB/MySQL and SQL Server through "
                                                 "ODBC (add dialect=postgresql, dialect=mariadb or "
                                                 "dialect=sqlserver if the driver names its database differently)")
                         .arg(locator.redacted(), reached));
}

} // namespace

Result<std::unique_ptr<DatabaseConnection>> DatabaseConnection::open(const Locator& locator, Create create)
{
    SqlThreadGuard::noteDatabaseWork("connect");
    if (auto status = checkDriver(locator); !status)
        return status.error();

    std::unique_ptr<Dialect> dialect;
    QString databaseName;
    QString connectOptions;
    switch (locator.kind()) {
    case Locator::Kind::Sqlite: {
        auto path = prepareSqliteFile(locator, create);
        if (!path)
            return path.error();
        databaseName = *path;
        // Writers wait for the lock instead of failing at once; 10 s covers a long bulk transaction.
        connectOptions = QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000");
        dialect = std::make_unique<SqliteDialect>();
        break;
    }
    case Locator::Kind::PostgreSql: {
        databaseName = locator.databaseName();
        connectOptions = locator.postgresOptions();
        // Without a timeout an unreachable server holds the caller for minutes.
        if (!connectOptions.contains(QLatin1String("connect_timeout")))
            connectOptions += QLatin1String(connectOptions.isEmpty() ? "" : ";") + QStringLiteral("connect_timeout=10");
        dialect = std::make_unique<PostgresDialect>();
        break;
    }
    case Locator::Kind::Odbc:
        prepareOdbcEnvironment();
        databaseName = odbcConnectionString(locator);
        connectOptions = QStringLiteral("SQL_ATTR_LOGIN_TIMEOUT=10");
        break; // the dialect is known once the driver says which database it reached
    }

    const QString name = nextConnectionName();
    std::unique_ptr<DatabaseConnection> connection(new DatabaseConnection(locator, name, std::move(dialect)));
    QSqlDatabase& db = connection->m_database;
    db.setDatabaseName(databaseName);
    db.setConnectOptions(connectOptions);
    if (locator.kind() == Locator::Kind::PostgreSql) {
        db.setHostName(locator.host());
        db.setPort(locator.port());
        db.setUserName(locator.userName());
        db.setPassword(locator.password().isEmpty() ? qEnvironmentVariable("TASKDECK_DB_PASSWORD")
                                                    : locator.password());
    }
    if (!db.open())
        return makeError(ErrorCode::Unavailable, connectionFailure(locator, db.lastError().text()));
    if (!connection->m_dialect) {
        auto detected = odbcDialect(locator, db);
        if (!detected)
            return detected.error();
        connection->m_dialect = std::move(*detected);
    }
    if (auto status = connection->m_dialect->configureConnection(db); !status)
        return status.error();
    return connection;
}

DatabaseConnection::DatabaseConnection(Locator locator, QString name, std::unique_ptr<Dialect> dialect)
    : m_locator(std::move(locator))
    , m_name(std::move(name))
    , m_database(QSqlDatabase::addDatabase(m_locator.qtDriverName(), m_name))
    , m_dialect(std::move(dialect))
{ }

DatabaseConnection::~DatabaseConnection()
{
    m_database.close();
    m_database = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

} // namespace taskdeck
