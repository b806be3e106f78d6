// The console's Agent-job mode, offscreen: a MainWindow tab fed by recorded msdb answers through the same code path a
// SQL Server takes (AgentJobStore over a row source, AgentClient's thread, the model and the view).

#include "client/AgentClient.h"
#include "db/SqlThreadGuard.h"
#include "models/AgentJobModel.h"
#include "support/RecordedAgentSource.h"
#include "support/ScriptedDialogs.h"
#include "ui/AgentJobsView.h"
#include "ui/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QThread>

using namespace taskdeck;
using namespace taskdeck::test;

class TestAgentConsole : public QObject
{
    Q_OBJECT

    std::shared_ptr<RecordedAgentSource::Log> m_log;

    AgentJobsView* open(MainWindow& window)
    {
        m_log = std::make_shared<RecordedAgentSource::Log>();
        m_log->historyStart = QDateTime::currentDateTimeUtc().addSecs(-20 * 60); // within the chart's hour
        auto log = m_log;
        const QString fixture = QFINDTESTDATA("data/agent-jobs.json");
        return window.openAgentJobs(QStringLiteral("recorded"), [fixture, log] {
            return AgentJobStore::withSource(std::make_unique<RecordedAgentSource>(fixture, log));
        });
    }

    QList<RecordedAgentSource::Call> callsOf(const QString& sql)
    {
        QMutexLocker lock(&m_log->mutex);
        QList<RecordedAgentSource::Call> found;
        for (const auto& call : std::as_const(m_log->calls)) {
            if (call.sql == sql)
                found << call;
        }
        return found;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        SqlThreadGuard::guardThread(QThread::currentThread());
    }

    void cleanup() { QCOMPARE(SqlThreadGuard::countOnGuardedThread(), 0LL); }

    void showsTheOneOffJobsAndTheirLogs()
    {
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        AgentJobsView* view = open(window);
        QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 5, 20'000);
        QVERIFY2(view->summary().startsWith(QStringLiteral("1 failed · 1 running · 1 queued · 5 jobs in all")),
                 qPrintable(view->summary()));
        QCOMPARE(window.pages()->tabText(window.pages()->currentIndex()), QStringLiteral("recorded (Agent jobs)"));
        // The throughput chart: a point per minute of the hour, the recorded runs in it (2 succeeded, 2 failed).
        QCOMPARE(view->succeededPoints().size(), 60);
        double succeeded = 0;
        double failed = 0;
        for (const QPointF& point : view->succeededPoints())
            succeeded += point.y();
        for (const QPointF& point : view->failedPoints())
            failed += point.y();
        QCOMPARE(succeeded, 2.0);
        QCOMPARE(failed, 2.0);
        QVERIFY2(view->summary().endsWith(QStringLiteral("last hour: 2 succeeded, 2 failed")),
                 qPrintable(view->summary()));
        AgentJobModel* model = view->model();
        QCOMPARE(model->data(model->index(0, AgentJobModel::StateColumn)).toString(), QStringLiteral("failed"));
        QCOMPARE(model->data(model->index(1, AgentJobModel::StateColumn)).toString(), QStringLiteral("running"));

        auto* table = view->findChild<QTableView*>(QStringLiteral("agentJobTable"));
        QSignalSpy shown(view, &AgentJobsView::detailsShown);
        table->setCurrentIndex(model->index(0, 0));
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 20'000);
        // The step command as text, exactly, and the job's async_task_logs rows.
        QVERIFY2(view->details().contains(QLatin1String("; -- '; DROP TABLE x")), qPrintable(view->details()));
        QVERIFY(view->details().contains(QLatin1String("message = Arithmetic overflow")));
        QVERIFY(!view->details().contains(QLatin1String("mail server"))); // another job's row

        // A running job cannot be started again; a failed one can, by its id.
        table->setCurrentIndex(model->index(1, 0));
        auto* retry = view->findChild<QPushButton*>(QStringLiteral("retryAgentJob"));
        QVERIFY(!retry->isEnabled());
        table->setCurrentIndex(model->index(0, 0));
        QVERIFY(retry->isEnabled());
        QSignalSpy finished(view, &AgentJobsView::actionFinished);
        retry->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20'000);
        QCOMPARE(finished.first().first().toString(), QString());
        const auto starts = callsOf(AgentSql::startJob());
        QCOMPARE(starts.size(), 1);
        QCOMPARE(starts.first().bindings.first().second.toString(),
                 QStringLiteral("6F9619FF-8B86-D011-B42D-00C04FC964FF"));
    }

    void refusalsAreExplained()
    {
        MainWindow window;
        window.show();
        AgentJobsView* view = open(window);
        view->setDialogs(std::make_shared<test::ScriptedDialogs>());
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 5, 20'000);
        {
            QMutexLocker lock(&m_log->mutex);
            m_log->refusal = QStringLiteral("[SQL Server]The EXECUTE permission was denied on the object "
                                            "'sp_delete_job', database 'msdb', schema 'dbo'. (229)");
        }
        view->findChild<QTableView*>(QStringLiteral("agentJobTable"))->setCurrentIndex(view->model()->index(2, 0));
        QSignalSpy finished(view, &AgentJobsView::actionFinished);
        view->findChild<QPushButton*>(QStringLiteral("deleteAgentJob"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20'000);
        const QString message = finished.first().first().toString();
        QVERIFY2(message.contains(QLatin1String("SQLAgentOperatorRole")), qPrintable(message));
        QVERIFY(message.contains(QLatin1String("async_task_20261121_0003")));
        const auto deletes = callsOf(AgentSql::deleteJob());
        QCOMPARE(deletes.size(), 1);
        QCOMPARE(deletes.first().bindings.first().second.toString(),
                 QStringLiteral("8B9619FF-8B86-D011-B42D-00C04FC96501"));
    }
};

QTEST_MAIN(TestAgentConsole)
#include "tst_agentconsole.moc"
