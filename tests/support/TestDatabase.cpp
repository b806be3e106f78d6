#include "support/TestDatabase.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

namespace taskdeck::test {

TestDatabase::TestDatabase()
{
    const QString backend = backendName();
    if (backend == QLatin1String("sqlite")) {
        m_locatorText = QLatin1String("sqlite:") + m_dir.filePath(QStringLiteral("tasks.db"));
        m_locator = *Locator::parse(m_locatorText);
    }
}

TestDatabase::~TestDatabase() = default;

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
    return QStringLiteral("backend '%1' is not supported by this build's tests").arg(backend);
}

Result<std::unique_ptr<TaskStore>> TestDatabase::open(StoreOptions options, SchemaMode mode) const
{
    return TaskStore::open(m_locator, std::move(options), mode);
}

int runBackendTest(QObject& test, int argc, char** argv)
{
    const QString backend = TestDatabase::backendName();
    const QString reason = TestDatabase::unavailableReason();
    if (!reason.isEmpty()) {
        const QStringList required =
            qEnvironmentVariable("TASKDECK_REQUIRE_BACKENDS").split(QLatin1Char(','), Qt::SkipEmptyParts);
        QTextStream err(stderr);
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
