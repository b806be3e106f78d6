#include "support/TestDatabase.h"

#include "db/DatabaseConnection.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>
#include <QUrl>

#include <cstdio>

namespace taskdeck::test {

namespace {

struct ServerBackend
{
    const char* name;
    const char* variable;
    const char* suffix; // keeps the databases of backends that share a server apart
};

constexpr ServerBackend kServerBackends[] = {
    {"postgresql", "TASKDECK_TEST_POSTGRESQL", "pg"},
    {"postgresql-odbc", "TASKDECK_TEST_POSTGRESQL_ODBC", "pgodbc"},
    {"mariadb-odbc", "TASKDECK_TEST_MARIADB_ODBC", "mariadb"},
    // An ODBC connection string of a SQL Server 2017+ (no server runs where TaskDeck is built: unset, it skips).
    {"sqlserver-odbc", "TASKDECK_TEST_MSSQL", "mssql"},
};

const ServerBackend* serverBackend(const QString& name)
{
    for (const ServerBackend& backend : kServerBackends) {
        if (name == QLatin1String(backend.name))
            return &backend;
    }
    return nullptr;
}

// The same server, another database: the path of a URL, the DATABASE key of an ODBC string.
QString withDatabase(const QString& locatorText, const QString& database)
{
    if (locatorText.startsWith(QLatin1String("odbc:"), Qt::CaseInsensitive)) {
        static const QRegularExpression key(QStringLiteral("(;|:)(DATABASE)=[^;]*"),
                                            QRegularExpression::CaseInsensitiveOption);
        QString text = locatorText;
        if (database.isEmpty())
            return text.replace(key, QStringLiteral("\\1"));
        if (text.contains(key))
            return text.replace(key, QStringLiteral("\\1\\2=") + database);
        return text + QLatin1String(";DATABASE=") + database;
    }
    QUrl url(locatorText);
    url.setPath(QLatin1Char('/') + database);
    return url.toString();
}

Status exec(QSqlDatabase db, const QString& statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        return makeError(ErrorCode::Database,
                         QStringLiteral("test setup: %1 failed: %2").arg(statement, query.lastError().text()));
    return {};
}

} // namespace

TestDatabase::TestDatabase()
{
    const QString backend = backendName();
    if (backend == QLatin1String("sqlite")) {
        m_locatorText = QLatin1String("sqlite:") + m_dir.filePath(QStringLiteral("tasks.db"));
        m_locator = *Locator::parse(m_locatorText);
        return;
    }
    if (auto status = prepareServerDatabase(); !status)
        m_setupError = status.error();
}

TestDatabase::~TestDatabase() = default;

Status TestDatabase::prepareServerDatabase()
{
    const ServerBackend* backend = serverBackend(backendName());
    if (!backend)
        return makeError(ErrorCode::Unsupported, QStringLiteral("unknown test backend %1").arg(backendName()));
    QString base = qEnvironmentVariable(backend->variable);
    const bool sqlServer = backendName() == QLatin1String("sqlserver-odbc");
    if (sqlServer && !base.startsWith(QLatin1String("odbc:"), Qt::CaseInsensitive))
        base.prepend(QLatin1String("odbc:")); // a bare connection string, as SQL Server people write them
    const QString program = QCoreApplication::applicationName().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
    const QString database = QStringLiteral("taskdeck_test_%1_%2").arg(program, QLatin1String(backend->suffix));
    const bool postgres = backendName().startsWith(QLatin1String("postgresql"));

    // Create this program's database once, from a connection to the server's maintenance database.
    {
        auto admin = Locator::parse(withDatabase(base,
                                                 postgres        ? QStringLiteral("postgres")
                                                     : sqlServer ? QStringLiteral("master")
                                                                 : QString()));
        if (!admin)
            return admin.error();
        auto connection = DatabaseConnection::open(*admin);
        if (!connection)
            return connection.error();
        QSqlDatabase db = (*connection)->database();
        if (postgres) {
            QSqlQuery exists(db);
            if (!exists.exec(QStringLiteral("SELECT 1 FROM pg_database WHERE datname = '%1'").arg(database)))
                return makeError(ErrorCode::Database, exists.lastError().text());
            if (!exists.next()) {
                if (auto s = exec(db, QStringLiteral("CREATE DATABASE %1").arg(database)); !s)
                    return s;
            }
        } else if (sqlServer) {
            if (auto s = exec(db, QStringLiteral("IF DB_ID(N'%1') IS NULL CREATE DATABASE %1").arg(database)); !s)
                return s;
        } else if (auto s = exec(db,
                                 QStringLiteral("CREATE DATABASE IF NOT EXISTS %1 CHARACTER SET utf8mb4"
                                                " COLLATE utf8mb4_nopad_bin")
                                     .arg(database));
                   !s) {
            return s;
        }
    }

    m_locatorText = withDatabase(base, database);
    auto locator = Locator::parse(m_locatorText);
    if (!locator)
        return locator.error();
    m_locator = *locator;

    // Start from an empty schema.
    auto connection = DatabaseConnection::open(m_locator);
    if (!connection)
        return connection.error();
    QSqlDatabase db = (*connection)->database();
    if (postgres) {
        if (auto s = exec(db, QStringLiteral("SET client_min_messages TO warning")); !s)
            return s;
        return exec(db, QStringLiteral("DROP SCHEMA IF EXISTS taskdeck CASCADE"));
    }
    if (sqlServer) {
        // SQL Server has no DROP SCHEMA … CASCADE: drop what is in it, then it.
        return exec(
            db,
            QStringLiteral("DECLARE @sql nvarchar(max) = N'';"
                           " SELECT @sql += N'DROP PROCEDURE taskdeck.' + QUOTENAME(name) + N';' FROM sys.procedures"
                           " WHERE schema_id = SCHEMA_ID(N'taskdeck');"
                           " SELECT @sql += N'DROP FUNCTION taskdeck.' + QUOTENAME(name) + N';' FROM sys.objects"
                           " WHERE schema_id = SCHEMA_ID(N'taskdeck') AND type IN ('FN', 'IF', 'TF');"
                           " SELECT @sql += N'DROP TABLE taskdeck.' + QUOTENAME(name) + N';' FROM sys.tables"
                           " WHERE schema_id = SCHEMA_ID(N'taskdeck');"
                           " IF SCHEMA_ID(N'taskdeck') IS NOT NULL SET @sql += N'DROP SCHEMA taskdeck;';"
                           " EXEC sys.sp_executesql @sql;"));
    }
    QSqlQuery tables(db);
    if (!tables.exec(QStringLiteral("SELECT table_name FROM information_schema.tables"
                                    " WHERE table_schema = DATABASE() AND table_name LIKE 'taskdeck\\\\_%'")))
        return makeError(ErrorCode::Database, tables.lastError().text());
    QStringList names;
    while (tables.next())
        names << tables.value(0).toString();
    if (!names.isEmpty())
        return exec(db, QLatin1String("DROP TABLE ") + names.join(QLatin1String(", ")));
    return {};
}

QString TestDatabase::backendName()
{
    const QString name = qEnvironmentVariable("TASKDECK_TEST_BACKEND");
    return name.isEmpty() ? QStringLiteral("sqlite") : name;
}

QString TestDatabase::unavailableReason()
{
    const QString backend = backendName();
    if (backend == QLatin1String("sqlite"))
        return QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))
            ? QString()
            : QStringLiteral("the QSQLITE driver is not installed (libqt6sql6-sqlite)");
    const ServerBackend* server = serverBackend(backend);
    if (!server)
        return QStringLiteral("unknown backend '%1' (known: sqlite, postgresql, postgresql-odbc, mariadb-odbc, "
                              "sqlserver-odbc)")
            .arg(backend);
    if (qEnvironmentVariable(server->variable).isEmpty() && backend == QLatin1String("sqlserver-odbc"))
        return QStringLiteral(
            "set TASKDECK_TEST_MSSQL to the ODBC connection string of a scratch database on SQL Server "
            "2017 or later (DRIVER={ODBC Driver 18 for SQL Server};SERVER=…;DATABASE=…;UID=…, password "
            "in TASKDECK_DB_PASSWORD); see docs/sqlserver.md");
    if (qEnvironmentVariable(server->variable).isEmpty())
        return QStringLiteral("set %1 to the locator of a scratch database on a server (scripts/with-test-servers.sh "
                              "starts servers and sets it)")
            .arg(QLatin1String(server->variable));
    return {};
}

Result<std::unique_ptr<TaskStore>> TestDatabase::open(StoreOptions options, SchemaMode mode) const
{
    if (m_setupError)
        return *m_setupError;
    return TaskStore::open(m_locator, std::move(options), mode);
}

Result<std::unique_ptr<TaskStore>> TestDatabase::openTaskListener() const
{
    auto store = open({}, SchemaMode::Require);
    if (!store)
        return store.error();
    const QString channel = (*store)->dialect().notificationChannel();
    if (channel.isEmpty() || !(*store)->database().driver()->subscribeToNotification(channel))
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("cannot listen for new tasks on %1").arg(m_locator.redacted()));
    return store;
}

Status TestDatabase::lockTasksExclusively(QSqlDatabase& db, const Dialect& dialect)
{
    const QString tasks = dialect.tableName(QStringLiteral("tasks"));
    if (dialect.name() == QLatin1String("sqlite"))
        return exec(db, QStringLiteral("BEGIN EXCLUSIVE"));
    if (!db.transaction())
        return makeError(ErrorCode::Database, db.lastError().text());
    if (dialect.name() == QLatin1String("postgresql"))
        return exec(db, QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE").arg(tasks));
    if (dialect.name() == QLatin1String("sqlserver"))
        return exec(db, QStringLiteral("SELECT TOP (1) id FROM %1 WITH (TABLOCKX, HOLDLOCK)").arg(tasks));
    return exec(db, QStringLiteral("SELECT id FROM %1 FOR UPDATE").arg(tasks));
}

Status TestDatabase::lockTaskRow(QSqlDatabase& db, const Dialect& dialect, qint64 id)
{
    const QString tasks = dialect.tableName(QStringLiteral("tasks"));
    if (dialect.name() == QLatin1String("sqlite"))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("SQLite has no row locks"));
    if (!db.transaction())
        return makeError(ErrorCode::Database, db.lastError().text());
    if (dialect.name() == QLatin1String("sqlserver"))
        return exec(
            db, QStringLiteral("SELECT id FROM %1 WITH (UPDLOCK, ROWLOCK, HOLDLOCK) WHERE id = %2").arg(tasks).arg(id));
    return exec(db, QStringLiteral("SELECT id FROM %1 WHERE id = %2 FOR UPDATE").arg(tasks).arg(id));
}

StoreOptions manualStoreOptions(const Clock* clock)
{
    StoreOptions options;
    options.clock = clock;
    options.random = [] { return 0.5; };
    options.actor = QStringLiteral("tester@test");
    return options;
}

Status openFresh(std::unique_ptr<TestDatabase>& db, std::unique_ptr<TaskStore>& store, StoreOptions options)
{
    store.reset();
    db = std::make_unique<TestDatabase>();
    auto opened = db->open(std::move(options));
    if (!opened)
        return opened.error();
    store = std::move(*opened);
    return {};
}

void closeFresh(std::unique_ptr<TestDatabase>& db, std::unique_ptr<TaskStore>& store)
{
    store.reset(); // the store's connection goes before its database
    db.reset();
}

int runBackendTest(QObject& test, int argc, char** argv)
{
    const QString backend = TestDatabase::backendName();
    const QString reason = TestDatabase::unavailableReason();
    QTextStream err(stderr);
    if (!reason.isEmpty()) {
        const QStringList required =
            qEnvironmentVariable("TASKDECK_REQUIRE_BACKENDS").split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (required.contains(backend)) {
            err << "FAIL: backend " << backend << " is required (TASKDECK_REQUIRE_BACKENDS) but cannot run: " << reason
                << Qt::endl;
            return 1;
        }
        err << "SKIP: backend " << backend << ": " << reason << Qt::endl;
        return 77;
    }
    QTextStream(stdout) << "backend: " << backend << Qt::endl;
    return QTest::qExec(&test, argc, argv);
}

} // namespace taskdeck::test
