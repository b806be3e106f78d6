#pragma once

#include "db/Locator.h"
#include "store/TaskStore.h"

#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace taskdeck::test {

// A fresh, empty database on the backend named by TASKDECK_TEST_BACKEND (default: sqlite). Server backends read
// a locator from TASKDECK_TEST_POSTGRESQL, TASKDECK_TEST_POSTGRESQL_ODBC or TASKDECK_TEST_MARIADB_ODBC (and the
// password from TASKDECK_DB_PASSWORD); each test program uses its own database on that server, created on first
// use, and every TestDatabase starts from an empty schema.
class TestDatabase
{
public:
    TestDatabase();
    ~TestDatabase();

    static QString backendName();
    // Empty when the backend can run here, else why not (and which variable to set).
    static QString unavailableReason();

    const Locator& locator() const { return m_locator; }
    // For --db on the command line and TASKDECK_DB.
    QString locatorText() const { return m_locatorText; }

    Result<std::unique_ptr<TaskStore>> open(StoreOptions options = {},
                                            SchemaMode mode = SchemaMode::CreateOrUpgrade) const;

    // A second connection, subscribed to the channel workers are woken on (native PostgreSQL only): its driver's
    // notification() signal tells when new tasks were committed.
    Result<std::unique_ptr<TaskStore>> openTaskListener() const;

    // Starts a transaction on db that keeps every other connection from writing the tasks table until it ends
    // (commit or rollback): the way to make a worker's database calls hang rather than fail.
    static Status lockTasksExclusively(QSqlDatabase& db, const Dialect& dialect);
    // Starts a transaction on db that keeps every other connection from changing task id (and only it) until it
    // ends. Not for SQLite, which locks the whole database.
    static Status lockTaskRow(QSqlDatabase& db, const Dialect& dialect, qint64 id);

private:
    Status prepareServerDatabase();

    QTemporaryDir m_dir;
    Locator m_locator;
    QString m_locatorText;
    std::optional<Error> m_setupError;
};

// Store options for tests: a manual clock, undisturbed jitter, a fixed actor in the audit log.
StoreOptions manualStoreOptions(const Clock* clock);

// For init() and cleanup() of backend tests: a new empty database, and a store on it.
Status openFresh(std::unique_ptr<TestDatabase>& db, std::unique_ptr<TaskStore>& store, StoreOptions options = {});
void closeFresh(std::unique_ptr<TestDatabase>& db, std::unique_ptr<TaskStore>& store);

// main() of a backend-matrix test: exits 77 (skipped) when the backend cannot run here, unless
// TASKDECK_REQUIRE_BACKENDS names it, in which case that is a failure.
int runBackendTest(QObject& test, int argc, char** argv);

} // namespace taskdeck::test

#define TASKDECK_BACKEND_TEST_MAIN(TestClass)                                                                          \
    int main(int argc, char** argv)                                                                                    \
    {                                                                                                                  \
        QCoreApplication app(argc, argv);                                                                              \
        TestClass test;                                                                                                \
        return taskdeck::test::runBackendTest(test, argc, argv);                                                       \
    }

// Evaluates a Result-returning expression into `var` and fails the test with its message if it failed.
#define TD_TRY(var, expr)                                                                                              \
    auto var = (expr);                                                                                                 \
    QVERIFY2(var.ok(), var.ok() ? "" : qPrintable(var.error().message))

#define TD_VERIFY_OK(expr)                                                                                             \
    do {                                                                                                               \
        const auto tdResult = (expr);                                                                                  \
        QVERIFY2(tdResult.ok(), tdResult.ok() ? "" : qPrintable(tdResult.error().message));                            \
    } while (false)
