// What SQLite itself gives on this machine, with no client library and no store between: one prepared single-row
// INSERT, stepped in its own transaction (one enqueue per transaction) or in batches of many to a transaction (bulk),
// WAL and synchronous=NORMAL as TaskDeck and plainjob open their files. Run against a one-column table, plainjob's jobs
// table, and TaskDeck's tasks table as `taskdeckctl init` makes it, whole and with parts removed, so that the
// store's figures and the peer's can be set beside what the engine does with each table. Method: RESULTS.md.

#include "BenchSupport.h"
#include "db/Locator.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <sqlite3.h>
#include <vector>

using namespace taskdeck;
using namespace taskdeck::bench;

namespace {

struct Table
{
    const char* name;
    // Statements run on the fresh file before timing: the whole schema for the first two, what is taken away from
    // TaskDeck's for the others.
    const char* setup;
    const char* insert; // ?1 the payload text, ?2 a time in milliseconds
    bool taskdeckSchema;
};

const Table kTables[] = {
    {"one text column, primary key only", "CREATE TABLE t (id INTEGER PRIMARY KEY, data TEXT NOT NULL)",
     "INSERT INTO t (data) VALUES (?1)", false},
    // plainjob 0.0.14's table and index and its add() statement, as in its dist/plainjob.js.
    {"plainjob 0.0.14: its table and index",
     "CREATE TABLE plainjob_jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, data TEXT NOT NULL,"
     " status INTEGER DEFAULT 0 NOT NULL, failed_at INTEGER, error TEXT, next_run_at INTEGER,"
     " created_at INTEGER NOT NULL);"
     "CREATE INDEX idx_jobs_status_type_next_run_at ON plainjob_jobs (status, type, next_run_at)",
     "INSERT INTO plainjob_jobs (type, data, created_at, next_run_at) VALUES ('noop', ?1, ?2, ?2)", false},
    {"TaskDeck as shipped", "", nullptr, true},
    {"TaskDeck without the count trigger", "DROP TRIGGER taskdeck_tasks_count_insert", nullptr, true},
    {"TaskDeck without the console's two indexes", "DROP INDEX taskdeck_tasks_state; DROP INDEX taskdeck_tasks_created",
     nullptr, true},
    {"TaskDeck's table and its keys only",
     "DROP TRIGGER taskdeck_tasks_count_insert; DROP INDEX taskdeck_tasks_state; DROP INDEX taskdeck_tasks_created;"
     " DROP INDEX taskdeck_tasks_claim; DROP INDEX taskdeck_tasks_lease",
     nullptr, true},
};

// The store's own single-task statement takes its id above the id floor (SqliteDialect, Sql::InsertTask); the bulk
// path assigns ids itself. Both are here as the store sends them, minus the queue's default lookup.
const char* const kTaskDeckSingle =
    "INSERT INTO taskdeck_tasks (id, queue, handler, payload, priority, run_at, state, max_attempts, unique_key,"
    " timeout_s, created_at) VALUES ((SELECT MAX(last_id, COALESCE((SELECT MAX(id) FROM taskdeck_tasks), 0)) + 1"
    " FROM taskdeck_task_id_floor), 'default', 'noop', ?1, 0, ?2, 'pending', 3, NULL, NULL, ?2)"
    " ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING RETURNING id";
const char* const kTaskDeckBulk =
    "INSERT INTO taskdeck_tasks (id, queue, handler, payload, priority, run_at, state, max_attempts, unique_key,"
    " timeout_s, created_at) VALUES (?3, 'default', 'noop', ?1, 0, ?2, 'pending', 3, NULL, NULL, ?2)";

class Sqlite
{
public:
    explicit Sqlite(const QString& file)
    {
        if (sqlite3_open(QFile::encodeName(file).constData(), &m_db) != SQLITE_OK)
            fail(QStringLiteral("open ") + file);
    }
    ~Sqlite()
    {
        for (sqlite3_stmt* statement : m_statements)
            sqlite3_finalize(statement);
        sqlite3_close(m_db);
    }
    Sqlite(const Sqlite&) = delete;
    Sqlite& operator=(const Sqlite&) = delete;

    void run(const char* sql)
    {
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            fail(QString::fromUtf8(sql));
    }
    sqlite3_stmt* prepare(const char* sql)
    {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &statement, nullptr) != SQLITE_OK)
            fail(QString::fromUtf8(sql));
        m_statements.push_back(statement);
        return statement;
    }
    void step(sqlite3_stmt* statement)
    {
        int rc = SQLITE_ROW;
        while (rc == SQLITE_ROW)
            rc = sqlite3_step(statement);
        if (rc != SQLITE_DONE)
            fail(QString::fromUtf8(sqlite3_sql(statement)));
        sqlite3_reset(statement);
    }

private:
    [[noreturn]] void fail(const QString& what) const
    {
        die(what + QStringLiteral(": ") + QString::fromUtf8(sqlite3_errmsg(m_db)));
    }

    sqlite3* m_db = nullptr;
    std::vector<sqlite3_stmt*> m_statements;
};

void removeDatabase(const QString& file)
{
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(file + QLatin1String(suffix));
}

// Rows per second for one table: `rows` single-row inserts, `batch` to a transaction (1: each its own, autocommitting,
// as plainjob's add() does).
double measure(const Table& table, const QString& file, const QString& taskDeckTemplate, int rows, int batch)
{
    removeDatabase(file);
    if (table.taskdeckSchema && !QFile::copy(taskDeckTemplate, file))
        die(QStringLiteral("cannot copy %1 to %2").arg(taskDeckTemplate, file));
    Sqlite db(file);
    db.run("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
    if (*table.setup)
        db.run(table.setup);
    sqlite3_stmt* insert = db.prepare(table.insert ? table.insert : (batch > 1 ? kTaskDeckBulk : kTaskDeckSingle));
    sqlite3_stmt* begin = db.prepare("BEGIN IMMEDIATE");
    sqlite3_stmt* commit = db.prepare("COMMIT");
    char payload[32];
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < rows; ++i) {
        if (batch > 1 && i % batch == 0)
            db.step(begin);
        const int length = std::snprintf(payload, sizeof payload, "{\"id\":%d}", i);
        sqlite3_bind_text(insert, 1, payload, length, SQLITE_TRANSIENT);
        sqlite3_bind_int64(insert, 2, 1'700'000'000'000LL + i);
        if (batch > 1)
            sqlite3_bind_int64(insert, 3, i + 1);
        db.step(insert);
        if (batch > 1 && (i % batch == batch - 1 || i == rows - 1))
            db.step(commit);
    }
    return rows * 1e9 / double(std::max<qint64>(timer.nsecsElapsed(), 1));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("What SQLite commits and inserts per second here, without a client library: a one-column "
                       "table, plainjob's table, and TaskDeck's table whole and with parts removed."));
    parser.addHelpOption();
    const QCommandLineOption singlesOption(QStringLiteral("singles"),
                                           QStringLiteral("Rows inserted one per transaction (default 20000)."),
                                           QStringLiteral("N"), QStringLiteral("20000"));
    const QCommandLineOption rowsOption(QStringLiteral("rows"),
                                        QStringLiteral("Rows inserted in batches (default 100000)."),
                                        QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption batchOption(QStringLiteral("batch"),
                                         QStringLiteral("Rows per transaction in the batches (default 1000, as the "
                                                        "store's bulk enqueue is measured)."),
                                         QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"),
                                          QStringLiteral("Rounds, every table once per round (default 3)."),
                                          QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption directoryOption(
        QStringLiteral("directory"),
        QStringLiteral("Where the files go (default: a temporary directory). Put it on the disk to be measured."),
        QStringLiteral("DIR"));
    parser.addOptions({singlesOption, rowsOption, batchOption, roundsOption, directoryOption});
    parser.process(app);
    const int singles = parser.value(singlesOption).toInt();
    const int rows = parser.value(rowsOption).toInt();
    const int batch = parser.value(batchOption).toInt();
    const int rounds = parser.value(roundsOption).toInt();
    if (singles < 1 || rows < 1 || rounds < 1)
        die(QStringLiteral("--singles, --rows and --rounds take a positive number"));
    if (batch < 2)
        die(QStringLiteral("--batch takes 2 or more: one row per transaction is what --singles measures"));

    QTemporaryDir temporary;
    const QString directory = parser.isSet(directoryOption) ? parser.value(directoryOption) : temporary.path();
    if (!QDir().mkpath(directory))
        die(QStringLiteral("cannot create ") + directory);
    const QString taskDeckTemplate = QDir(directory).filePath(QStringLiteral("taskdeck-template.db"));
    const QString file = QDir(directory).filePath(QStringLiteral("floor.db"));
    removeDatabase(taskDeckTemplate);
    {
        // The schema exactly as the store creates it, then closed so that the copies start from a quiet file.
        auto store = check(TaskStore::open(check(Locator::parse(QStringLiteral("sqlite:") + taskDeckTemplate)), {},
                                           SchemaMode::CreateOrUpgrade));
        execute(store->database(), QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }

    constexpr std::size_t kTableCount = std::size(kTables);
    std::vector<std::vector<double>> single(kTableCount), bulk(kTableCount);
    for (int round = 0; round < rounds; ++round) {
        for (std::size_t t = 0; t < kTableCount; ++t) {
            single[t].push_back(measure(kTables[t], file, taskDeckTemplate, singles, 1));
            bulk[t].push_back(measure(kTables[t], file, taskDeckTemplate, rows, batch));
        }
        QTextStream(stderr) << "  round " << round + 1 << " done" << Qt::endl;
    }
    removeDatabase(file);
    removeDatabase(taskDeckTemplate);

    const auto row = [](const char* name, const std::vector<double>& values) {
        std::vector<double> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        QString each;
        for (double v : values)
            each += QString::number(qRound64(v)) + QLatin1Char(' ');
        out() << QStringLiteral("  %1 %2 rows/s  (rounds: %3)")
                     .arg(QString::fromUtf8(name), -48)
                     .arg(qRound64(sorted[sorted.size() / 2]), 9)
                     .arg(each.trimmed())
              << Qt::endl;
    };
    out() << "SQLite " << sqlite3_libversion() << ", WAL, synchronous=NORMAL, one prepared single-row INSERT"
          << Qt::endl;
    out() << "one per transaction (" << singles << " rows):" << Qt::endl;
    for (std::size_t t = 0; t < kTableCount; ++t)
        row(kTables[t].name, single[t]);
    out() << rows << " rows in transactions of " << batch << ":" << Qt::endl;
    for (std::size_t t = 0; t < kTableCount; ++t)
        row(kTables[t].name, bulk[t]);
    return 0;
}
