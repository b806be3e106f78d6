#include "db/DatabaseConnection.h"

#include "db/SqliteDialect.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>

namespace taskdeck {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DatabaseConnection", text);
}

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

} // namespace

Result<std::unique_ptr<DatabaseConnection>> DatabaseConnection::open(const Locator& locator, Create create)
{
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
    case Locator::Kind::Odbc:
    case Locator::Kind::PostgreSql:
        return makeError(ErrorCode::Unsupported,
                         tr("this build of TaskDeck has no dialect for %1 yet: use an embedded database (sqlite:PATH)")
                             .arg(locator.redacted()));
    }

    const QString name = nextConnectionName();
    std::unique_ptr<DatabaseConnection> connection(new DatabaseConnection(locator, name, std::move(dialect)));
    QSqlDatabase& db = connection->m_database;
    db.setDatabaseName(databaseName);
    db.setConnectOptions(connectOptions);
    if (!db.open())
        return makeError(ErrorCode::Unavailable,
                         tr("cannot open %1: %2").arg(locator.redacted(), db.lastError().text()));
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
