// Agent-job mode: msdb's answers read into jobs (from a recorded result set, the same path a live server takes), the
// refusals explained, and — when TASKDECK_TEST_MSSQL names a SQL Server with Agent running — the whole cycle on a
// real one-off job.

#include "agent/AgentJobs.h"
#include "support/RecordedAgentSource.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace taskdeck;

namespace {

QList<QVariantList> recordedRows(const char* key)
{
    return test::recordedRows(test::readFixture(QFINDTESTDATA("data/agent-jobs.json")), QString::fromLatin1(key));
}

} // namespace

class TestAgent : public QObject
{
    Q_OBJECT

private slots:
    void recordedJobsReadAsOperatorsSeeThem()
    {
        const QList<AgentJob> jobs = readAgentJobs(recordedRows("jobs"));
        QCOMPARE(jobs.size(), 5);
        QCOMPARE(jobs.at(0).state, AgentJobState::Failed);
        QCOMPARE(jobs.at(0).lastDurationS, 3);
        QVERIFY(jobs.at(0).lastMessage.startsWith(QLatin1String("The job failed.")));
        QCOMPARE(jobs.at(0).startedAt, QDateTime::fromMSecsSinceEpoch(1795262401000, Qt::UTC));
        // The command is data, kept exactly, quotes and comment included.
        QVERIFY(jobs.at(0).command.endsWith(QLatin1String("; -- '; DROP TABLE x")));
        QCOMPARE(jobs.at(1).state, AgentJobState::Running);
        QCOMPARE(jobs.at(2).state, AgentJobState::Queued); // started again after its failure, not yet running
        QCOMPARE(jobs.at(3).state, AgentJobState::Succeeded);
        QCOMPARE(jobs.at(3).lastDurationS, 3600 + 60 + 2);
        QVERIFY(!jobs.at(3).enabled);
        QCOMPARE(jobs.at(4).state, AgentJobState::NeverRan);
        QCOMPARE(jobs.at(4).id, QStringLiteral("AD9619FF-8B86-D011-B42D-00C04FC96503"));
    }

    void historyCountsPerMinute()
    {
        const QList<AgentRunCount> counts = readAgentHistory(recordedRows("history"));
        QCOMPARE(counts.size(), 3);
        QCOMPARE(counts.at(0).minute, QDateTime::fromMSecsSinceEpoch(1795262400000, Qt::UTC));
        QCOMPARE(counts.at(0).failed, 1);
        QCOMPARE(counts.at(0).succeeded, 1);
        QCOMPARE(counts.at(0).durationSSum, 3 + 12);
        QCOMPARE(counts.at(1).succeeded, 1);
        QCOMPARE(counts.at(2).failed, 1); // cancelled counts as failed
    }

    void refusalsSayWhatToDo_data()
    {
        QTest::addColumn<QString>("driverText");
        QTest::addColumn<QString>("expected");
        QTest::newRow("permission") << "[Microsoft][ODBC Driver 18 for SQL Server][SQL Server]The EXECUTE permission "
                                       "was denied on the object 'sp_start_job' (229)"
                                    << "SQLAgentOperatorRole";
        QTest::newRow("running") << "SQLServerAgent Error: Request to run job x (from User sa) refused because the job "
                                    "is already running from a request by User sa. (22022)"
                                 << "already running";
        QTest::newRow("gone") << "The specified @job_id ('…') does not exist. (14262)"
                              << "no longer exists";
        QTest::newRow("other") << "Login timeout expired"
                               << "cannot start job";
    }

    void refusalsSayWhatToDo()
    {
        QFETCH(QString, driverText);
        QFETCH(QString, expected);
        const QString message =
            explainAgentRefusal(QStringLiteral("start"), QStringLiteral("async_task_1"), driverText);
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void statementsBindEverything()
    {
        // Jobs are started and deleted by id, bound; the log lookup binds the name; nothing is built from data.
        QCOMPARE(AgentSql::startJob(), QStringLiteral("EXEC msdb.dbo.sp_start_job @job_id = :job_id"));
        QVERIFY(AgentSql::deleteJob().contains(QLatin1String("@job_id = :job_id")));
        for (const QString& column : AgentSql::kLogNameColumns)
            QVERIFY(AgentSql::logRows(column).contains(column + QLatin1String(" = :job_name")));
        QVERIFY(AgentSql::jobs().contains(QLatin1String("NOT EXISTS (SELECT 1 FROM msdb.dbo.sysjobschedules")));
    }

    // The gated suite: a real one-off job that fails, is seen failed, started again, and deleted.
    void liveAgentJobCycle()
    {
        QString connection = qEnvironmentVariable("TASKDECK_TEST_MSSQL");
        if (connection.isEmpty())
            QSKIP("set TASKDECK_TEST_MSSQL to the ODBC connection string of a SQL Server with Agent running (see "
                  "docs/sqlserver.md)");
        if (!connection.startsWith(QLatin1String("odbc:")))
            connection.prepend(QLatin1String("odbc:"));
        auto locator = Locator::parse(connection);
        QVERIFY2(locator, locator ? "" : qPrintable(locator.error().message));
        auto agent = AgentJobStore::open(*locator);
        QVERIFY2(agent, agent ? "" : qPrintable(agent.error().message));
        auto setup = DatabaseConnection::open(*locator);
        QVERIFY2(setup, setup ? "" : qPrintable(setup.error().message));
        const QString name = QStringLiteral("taskdeck_test_%1").arg(QUuid::createUuid().toString(QUuid::Id128));
        QSqlQuery q((*setup)->database());
        // What proc_create_async_task does, with a step that fails.
        q.prepare(QStringLiteral("EXEC msdb.dbo.sp_add_job @job_name = :name, @delete_level = 0;"
                                 " EXEC msdb.dbo.sp_add_jobstep @job_name = :name, @step_name = N'run',"
                                 " @subsystem = N'TSQL', @command = N'THROW 50000, N''handler failed'', 1;';"
                                 " EXEC msdb.dbo.sp_add_jobserver @job_name = :name;"));
        q.bindValue(QStringLiteral(":name"), name);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        auto findJob = [&]() -> std::optional<AgentJob> {
            auto jobs = (*agent)->jobs();
            if (!jobs)
                return std::nullopt;
            for (const AgentJob& job : std::as_const(*jobs)) {
                if (job.name == name)
                    return job;
            }
            return std::nullopt;
        };
        auto stateOf = [&findJob]() -> int {
            const auto job = findJob();
            return job ? int(job->state) : -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(findJob().has_value(), 30'000);
        QCOMPARE(stateOf(), int(AgentJobState::NeverRan));
        if (auto started = (*agent)->startJob(*findJob()); !started) {
            if (started.error().message.contains(QLatin1String("not currently running")))
                QSKIP("SQL Server Agent is not running on that server");
            QFAIL(qPrintable(started.error().message));
        }
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(), int(AgentJobState::Failed), 60'000);
        QVERIFY(findJob()->command.contains(QLatin1String("handler failed")));
        QVERIFY((*agent)->startJob(*findJob()));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(), int(AgentJobState::Failed), 60'000);
        QVERIFY((*agent)->deleteJob(*findJob()));
        QVERIFY(!findJob().has_value());
    }
};

QTEST_GUILESS_MAIN(TestAgent)
#include "tst_agent.moc"
