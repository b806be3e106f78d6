// The console driven through its real widgets, offscreen, against a real database on every backend. A guard counts
// database work on the GUI thread: every test ends with that count at zero.
#include "client/StoreClient.h"
#include "common/Duration.h"
#include "common/Translations.h"
#include "db/SqlThreadGuard.h"
#include "executor/LocalExecutor.h"
#include "models/AuditLogModel.h"
#include "models/LocalRunsModel.h"
#include "models/OverviewModel.h"
#include "models/QueueListModel.h"
#include "models/RunHistoryModel.h"
#include "models/ScheduleListModel.h"
#include "models/SubscriptionListModel.h"
#include "models/TaskListModel.h"
#include "models/WorkerListModel.h"
#include "support/ScriptedDialogs.h"
#include "support/TestDatabase.h"
#include "ui/ConnectionPage.h"
#include "ui/EnqueueDialog.h"
#include "ui/ExecutorView.h"
#include "ui/GuideDialog.h"
#include "ui/HealthBar.h"
#include "ui/MainWindow.h"
#include "ui/QueuesView.h"
#include "ui/ScheduleDialog.h"
#include "ui/SchedulesView.h"
#include "ui/TasksView.h"
#include "ui/WorkersView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStringListModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QThread>
#include <QToolBar>
#include <QToolButton>
#include <QValueAxis>

#include <atomic>
#include <cmath>

using namespace taskdeck;
using namespace taskdeck::test;

namespace {

EnqueueRequest request(const QString& handler, const QString& queue = QStringLiteral("default"))
{
    EnqueueRequest r;
    r.handler = handler;
    r.queue = queue;
    return r;
}

constexpr int kWait = 20'000; // generous for slow CI machines: QTRY returns as soon as the condition holds

} // namespace

class TestConsole : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TaskStore> m_store;

    // The test's own checks run SQL on the GUI thread on purpose; they are exempt from the guard.
    qint64 countInState(TaskState state, const QString& queue = {})
    {
        SqlThreadGuard::Exempt exempt;
        TaskFilter filter;
        filter.states = {state == TaskState::Pending         ? DisplayState::Pending
                             : state == TaskState::Failed    ? DisplayState::Failed
                             : state == TaskState::Succeeded ? DisplayState::Succeeded
                             : state == TaskState::Running   ? DisplayState::Running
                                                             : DisplayState::Cancelled};
        if (state == TaskState::Pending)
            filter.states << DisplayState::Scheduled << DisplayState::Retrying;
        if (!queue.isEmpty())
            filter.queues = {queue};
        auto ids = m_store->selectTaskIds(filter);
        return ids ? ids->size() : -1;
    }

    std::optional<Task> taskRow(qint64 id)
    {
        SqlThreadGuard::Exempt exempt;
        auto found = m_store->task(id);
        if (!found || !found->has_value())
            return std::nullopt;
        return (*found)->task;
    }

    QList<qint64> enqueueMany(int count, const QString& handler, const QString& queue)
    {
        SqlThreadGuard::Exempt exempt;
        QList<EnqueueRequest> requests;
        for (int i = 0; i < count; ++i)
            requests << request(handler, queue);
        auto results = m_store->enqueueBatch(requests);
        QList<qint64> ids;
        if (results) {
            for (const EnqueueResult& r : std::as_const(*results))
                ids << r.id;
        }
        return ids;
    }

    // Claims the given queue's tasks and fails them for good: the operator's usual sight.
    int failAll(const QString& queue)
    {
        SqlThreadGuard::Exempt exempt;
        ClaimRequest claim;
        claim.workerId = QStringLiteral("test-worker");
        claim.queues = {queue};
        claim.limit = 1000;
        auto claimed = m_store->claim(claim);
        if (!claimed)
            return -1;
        QList<Completion> completions;
        for (const ClaimedTask& task : std::as_const(*claimed)) {
            Completion c = Completion::of(task, RunOutcome::Failed, QStringLiteral("upstream said 500"));
            c.retryable = false;
            completions << c;
        }
        auto report = m_store->complete(claim.workerId, completions);
        return report ? int(report->applied.size()) : -1;
    }

    // What a view does when scrolled to the end, again and again.
    static void loadEveryPage(TaskListModel& tasks)
    {
        while (!tasks.isComplete()) {
            QTRY_VERIFY_WITH_TIMEOUT(!tasks.isLoading(), kWait);
            if (tasks.canFetchMore())
                tasks.fetchMore();
            QTRY_VERIFY_WITH_TIMEOUT(!tasks.isLoading(), kWait);
        }
    }

    std::unique_ptr<ConnectionPage> openPage(ConnectionPage::Options options = {})
    {
        options.title = QStringLiteral("test");
        options.refreshMs = 300;
        auto page = std::make_unique<ConnectionPage>(m_db->locator(), options);
        page->setDialogs(std::make_shared<test::ScriptedDialogs>());
        page->resize(1200, 800);
        page->show();
        return page;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        SqlThreadGuard::guardThread(QThread::currentThread());
        installTranslations(QLocale(QStringLiteral("en"))); // the plural forms, as the console installs them
    }

    void init()
    {
        SqlThreadGuard::Exempt exempt;
        TD_VERIFY_OK(openFresh(m_db, m_store));
    }

    void cleanup()
    {
        QCOMPARE(SqlThreadGuard::countOnGuardedThread(), 0LL);
        SqlThreadGuard::Exempt exempt;
        closeFresh(m_db, m_store);
    }

    // A statement that waits for the server (here: for a lock this test holds) shows as a state after a while, and
    // the state goes back once the answer comes; the job itself is not abandoned.
    void aWaitForTheServerShowsAsAState()
    {
        {
            SqlThreadGuard::Exempt exempt;
            TD_VERIFY_OK(m_store->updateQueue(QStringLiteral("contended"), QueueUpdate{1, {}, {}, {}}));
        }
        StoreClient client(m_db->locator());
        client.setSlowAnswerAfterMs(300);
        client.open();
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), ClientState::Connected, kWait);
        QList<ClientState> states;
        connect(&client, &StoreClient::stateChanged, this, [&](ClientState state) { states << state; });

        bool answered = false;
        QString answer;
        bool sawWaiting = false;
        QString waitingMessage;
        {
            SqlThreadGuard::Exempt exempt;
            const Status held = m_store->transaction([&]() -> Status {
                if (auto s = m_store->updateQueue(QStringLiteral("contended"), QueueUpdate{2, {}, {}, {}}); !s)
                    return s;
                client.run(
                    this,
                    [](TaskStore& store) {
                        return store.updateQueue(QStringLiteral("contended"), QueueUpdate{3, {}, {}, {}});
                    },
                    [&](const Status& status) {
                        answered = true;
                        answer = status ? QStringLiteral("ok") : status.error().message;
                    });
                sawWaiting = QTest::qWaitFor([&] { return client.state() == ClientState::Waiting; }, kWait);
                waitingMessage = client.stateMessage();
                return {};
            });
            TD_VERIFY_OK(held);
        }
        QVERIFY2(sawWaiting, qPrintable(client.stateMessage()));
        QVERIFY2(!answered, qPrintable(answer)); // the lock was held the whole time
        QVERIFY2(waitingMessage.contains(QLatin1String("has not answered")), qPrintable(waitingMessage));
        QTRY_VERIFY_WITH_TIMEOUT(answered, kWait);
        QCOMPARE(answer, QStringLiteral("ok"));
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), ClientState::Connected, kWait);
        QVERIFY(states.contains(ClientState::Waiting));
        {
            SqlThreadGuard::Exempt exempt;
            TD_TRY(queues, m_store->queues());
            bool found = false;
            for (const auto& queue : std::as_const(*queues)) {
                if (queue.name == QLatin1String("contended")) {
                    found = true;
                    QCOMPARE(queue.concurrencyLimit.value_or(-1), 3); // the client's change, after the test's
                }
            }
            QVERIFY(found);
        }
    }

    // A long job that keeps reporting progress (a bulk action over many batches) is hearing from the server: it
    // never shows as waiting, however long it runs.
    void aJobReportingProgressIsNotWaiting()
    {
        if (TestDatabase::backendName() != QLatin1String("sqlite"))
            QSKIP("the client's own bookkeeping, the same for every database: checked once, on SQLite");
        StoreClient client(m_db->locator());
        client.setSlowAnswerAfterMs(1'500);
        client.open();
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), ClientState::Connected, kWait);
        QList<ClientState> states;
        connect(&client, &StoreClient::stateChanged, this, [&](ClientState state) { states << state; });
        int reports = 0;
        bool finished = false;
        client.run(
            this,
            [&client, this](TaskStore& store) -> Status {
                // Batches of real statements for 3 s, each followed by a progress report.
                QElapsedTimer running;
                running.start();
                while (running.elapsed() < 3'000) {
                    if (auto page = store.listTasks({}); !page)
                        return page.error();
                    client.deliver(this, [] {});
                    QThread::msleep(20); // the rest of a batch's work
                }
                return {};
            },
            [&](const Status& status) {
                finished = bool(status);
                ++reports;
            });
        QTRY_VERIFY_WITH_TIMEOUT(reports == 1, kWait);
        QVERIFY(finished);
        QVERIFY2(!states.contains(ClientState::Waiting), "a job reporting progress was shown as waiting");
    }

    void modelsPassTheModelTester()
    {
        const QList<qint64> ids = enqueueMany(450, QStringLiteral("h"), QStringLiteral("paged"));
        QCOMPARE(ids.size(), 450);
        StoreClient client(m_db->locator());
        client.open();
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), ClientState::Connected, kWait);

        TaskListModel tasks(&client);
        QAbstractItemModelTester taskTester(&tasks, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tasks.setQuery({}, TaskQuery::SortKey::Id, true);
        // Scrolling: page after page until every row is there, each once, newest first. (The model tester asks
        // for more pages itself, as a view does.)
        QTRY_VERIFY_WITH_TIMEOUT(tasks.rowCount() >= TaskListModel::kPageSize, kWait);
        loadEveryPage(tasks);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(tasks.rowCount(), 450);
        for (int row = 1; row < tasks.rowCount(); ++row)
            QVERIFY(tasks.taskAt(row - 1)->id > tasks.taskAt(row)->id);

        // Live refresh: new rows arrive on top, deleted ones leave, changed ones change — in place.
        const QList<qint64> added = enqueueMany(5, QStringLiteral("h"), QStringLiteral("paged"));
        {
            SqlThreadGuard::Exempt exempt;
            TD_VERIFY_OK(m_store->deleteTasks({ids.at(10), ids.at(11), ids.at(12)}));
        }
        tasks.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(tasks.taskAt(0)->id, added.last(), kWait);
        QCOMPARE(tasks.rowOfTask(ids.at(11)), -1);
        // The refreshed window keeps its size; what fell out below comes back on scrolling.
        loadEveryPage(tasks);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(tasks.rowCount(), 452);
        for (int row = 1; row < tasks.rowCount(); ++row)
            QVERIFY(tasks.taskAt(row - 1)->id > tasks.taskAt(row)->id);

        OverviewModel overview(&client);
        QAbstractItemModelTester overviewTester(&overview, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy updated(&overview, &OverviewModel::updated);
        overview.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0, kWait);
        QCOMPARE(overview.count(QStringLiteral("paged"), DisplayState::Pending), 452);
        overview.setWindow(OverviewModel::Window::Week);
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 1, kWait);

        {
            SqlThreadGuard::Exempt exempt;
            WorkerInfo worker;
            worker.id = QStringLiteral("w-1");
            worker.name = QStringLiteral("reports-1");
            worker.host = QStringLiteral("host-a");
            worker.handlers = {QStringLiteral("h")};
            worker.version = QStringLiteral("test");
            worker.pid = 4242;
            worker.concurrency = 4;
            TD_VERIFY_OK(m_store->registerWorker(worker));
        }
        WorkerListModel workers(&client);
        QAbstractItemModelTester workerTester(&workers, QAbstractItemModelTester::FailureReportingMode::QtTest);
        workers.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(workers.rowCount(), 1, kWait);
        QCOMPARE(workers.data(workers.index(0, WorkerListModel::StatusColumn)).toString(), QStringLiteral("live"));

        QueueListModel queues(&client);
        QAbstractItemModelTester queueTester(&queues, QAbstractItemModelTester::FailureReportingMode::QtTest);
        queues.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(queues.rowCount(), 1, kWait);
        QCOMPARE(queues.rows().first().pending, 452);

        RunHistoryModel runs;
        QAbstractItemModelTester runTester(&runs, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TaskRun run;
        run.taskId = 1;
        run.attempt = 1;
        run.outcome = RunOutcome::Lost;
        runs.setRuns({run, run});
        QCOMPARE(runs.rowCount(), 2);
    }

    void retrySelectedFailedTasks()
    {
        enqueueMany(3, QStringLiteral("h"), QStringLiteral("billing"));
        QCOMPARE(failAll(QStringLiteral("billing")), 3);
        enqueueMany(1, QStringLiteral("h"), QStringLiteral("other"));
        auto page = openPage();
        TasksView* view = page->tasksView();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        view->setStateFilter(QStringLiteral("failed"));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 3, kWait);
        view->table()->selectAll();
        QVERIFY(view->action(QStringLiteral("retry"))->isEnabled());
        QString asked;
        auto dialogs = std::make_shared<test::ScriptedDialogs>();
        dialogs->answerConfirm = [&asked](const QString& text) {
            asked = text;
            return true;
        };
        page->setDialogs(dialogs);
        QSignalSpy finished(view, &TasksView::bulkFinished);
        view->action(QStringLiteral("retry"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWait);
        QVERIFY2(asked.contains(QLatin1String("3 selected")), qPrintable(asked));
        QCOMPARE(finished.at(0).at(2).toLongLong(), 3);
        QCOMPARE(countInState(TaskState::Failed), 0);
        QCOMPARE(countInState(TaskState::Pending, QStringLiteral("billing")), 3);
        // The list follows: no failed task is left in it.
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 0, kWait);
    }

    void bulkDeleteByFilterRemovesExactlyTheConfirmedRows()
    {
        constexpr int kTasks = 1'200; // three batches of the store's bulk size
        enqueueMany(kTasks, QStringLiteral("h"), QStringLiteral("bulk"));
        enqueueMany(7, QStringLiteral("h"), QStringLiteral("untouched"));
        auto page = openPage();
        TasksView* view = page->tasksView();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        view->setQueueFilter(QStringLiteral("bulk"));
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0, kWait);

        // Enqueues keep arriving in the same queue, from another connection, all the while.
        std::atomic<bool> stop{false};
        std::atomic<int> produced{0};
        QString producerError;
        const Locator locator = m_db->locator();
        std::unique_ptr<QThread> producer(QThread::create([&] {
            auto store = TaskStore::open(locator);
            if (!store) {
                producerError = store.error().message;
                return;
            }
            while (!stop.load()) {
                if (auto r = (*store)->enqueue(request(QStringLiteral("h"), QStringLiteral("bulk"))); r)
                    produced.fetch_add(1);
                else
                    producerError = r.error().message;
            }
        }));
        producer->start();
        QTRY_VERIFY_WITH_TIMEOUT(produced.load() > 0, kWait);

        qint64 stated = -1;
        QString asked;
        auto dialogs = std::make_shared<test::ScriptedDialogs>();
        dialogs->answerConfirm = [&](const QString& text) {
            asked = text;
            stated = produced.load(); // what had arrived when the operator confirmed (at least)
            return true;
        };
        page->setDialogs(dialogs);
        QSignalSpy finished(view, &TasksView::bulkFinished);
        view->action(QStringLiteral("allDelete"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60'000);
        stop.store(true);
        producer->wait();
        QVERIFY2(producerError.isEmpty(), qPrintable(producerError));

        const qint64 confirmed = finished.at(0).at(1).toLongLong();
        const qint64 done = finished.at(0).at(2).toLongLong();
        QVERIFY2(finished.at(0).at(3).toString().isEmpty(), qPrintable(finished.at(0).at(3).toString()));
        QCOMPARE(done, confirmed);
        QVERIFY(confirmed >= kTasks);
        // At most one more: the producer's enqueue may have committed before it counted it.
        QVERIFY2(confirmed <= kTasks + stated + 1,
                 qPrintable(QStringLiteral("%1 > %2 + %3").arg(confirmed).arg(kTasks).arg(stated)));
        QVERIFY2(asked.contains(QLocale().toString(confirmed)), qPrintable(asked));
        // Exactly the confirmed rows went: whatever arrived after the count is still there, and so is the rest.
        QCOMPARE(countInState(TaskState::Pending, QStringLiteral("bulk")), kTasks + produced.load() - confirmed);
        QCOMPARE(countInState(TaskState::Pending, QStringLiteral("untouched")), 7);
    }

    void exportWritesTheFilteredListPageByPage()
    {
        enqueueMany(1'100, QStringLiteral("h"), QStringLiteral("export"));
        enqueueMany(3, QStringLiteral("h"), QStringLiteral("elsewhere"));
        {
            SqlThreadGuard::Exempt exempt;
            EnqueueRequest tricky = request(QStringLiteral("=cmd"), QStringLiteral("export"));
            tricky.payload = QStringLiteral("{\"note\": \"a, \\\"quoted\\\" text\"}");
            TD_VERIFY_OK(m_store->enqueue(tricky));
        }
        auto page = openPage();
        TasksView* view = page->tasksView();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        view->setQueueFilter(QStringLiteral("export"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tasks.csv"));
        QSignalSpy finished(view, &TasksView::exportFinished);
        view->exportCsv(path);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWait);
        QVERIFY2(finished.at(0).at(1).toString().isEmpty(), qPrintable(finished.at(0).at(1).toString()));
        QCOMPARE(finished.at(0).at(0).toLongLong(), 1'101);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 1 + 1'101 + 1); // header, rows, and the empty piece after the last newline
        // A cell a spreadsheet would evaluate is kept as text, and quotes and commas stay inside their field.
        QVERIFY2(lines.at(1).contains(",'=cmd,"), lines.at(1).constData());
        QVERIFY2(lines.at(1).contains("\"{\"\"note\"\": \"\"a, \\\"\"quoted\\\"\" text\"\"}\""),
                 lines.at(1).constData());
    }

    void enqueueDialogRejectsInvalidJson()
    {
        EnqueueDialog dialog;
        dialog.show();
        QPushButton* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        dialog.handlerEdit()->setText(QStringLiteral("reports.export"));
        dialog.payloadEdit()->setPlainText(QStringLiteral("{\"report\": \"daily\",\n \"rows\": }"));
        QVERIFY(!ok->isEnabled());
        QVERIFY2(dialog.validationMessage().contains(QLatin1String("line 2")), qPrintable(dialog.validationMessage()));
        // The usual slip is named, and its spot is marked in the editor.
        dialog.payloadEdit()->setPlainText(QStringLiteral("{\"report\": \"daily\",\n}"));
        QVERIFY(!ok->isEnabled());
        QVERIFY2(dialog.validationMessage().contains(QLatin1String("line 1, column 19: a comma before '}': remove the "
                                                                   "trailing comma")),
                 qPrintable(dialog.validationMessage()));
        QCOMPARE(dialog.payloadEdit()->extraSelections().size(), 1);
        QCOMPARE(dialog.payloadEdit()->extraSelections().first().cursor.selectionStart(), 18);
        dialog.payloadEdit()->setPlainText(QStringLiteral("{\"report\": \"daily\",\n \"rows\": 10}"));
        QVERIFY(dialog.payloadEdit()->extraSelections().isEmpty());
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.request().payload, QStringLiteral("{\"report\":\"daily\",\"rows\":10}"));
        dialog.handlerEdit()->setText(QString());
        QVERIFY(!ok->isEnabled());
    }

    void enqueueAndReenqueueEditedPayloadFromTheConsole()
    {
        enqueueMany(1, QStringLiteral("reports.export"), QStringLiteral("reports"));
        QCOMPARE(failAll(QStringLiteral("reports")), 1);
        auto page = openPage();
        TasksView* view = page->tasksView();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);

        EnqueueDialog dialog;
        dialog.handlerEdit()->setText(QStringLiteral("notify.send"));
        dialog.payloadEdit()->setPlainText(QStringLiteral("{\"to\": \"ops@example.com\"}"));
        QVERIFY(dialog.isAcceptable());
        QSignalSpy shown(view, &TasksView::detailsShown);
        view->enqueueTask(dialog.request(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, kWait);
        const qint64 created = shown.at(0).at(0).toLongLong();
        QCOMPARE(taskRow(created)->handler, QStringLiteral("notify.send"));
        QCOMPARE(taskRow(created)->payload, QStringLiteral("{\"to\":\"ops@example.com\"}"));

        // Edit a failed task's payload and re-enqueue it: the copy replaces the original in one transaction.
        view->setStateFilter(QStringLiteral("failed"));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 1, kWait);
        const qint64 original = view->model()->taskAt(0)->id;
        view->showTask(original);
        QTRY_VERIFY_WITH_TIMEOUT(view->action(QStringLiteral("editAndEnqueue"))->isEnabled(), kWait);
        EnqueueDialog edit;
        edit.handlerEdit()->setText(QStringLiteral("reports.export"));
        edit.payloadEdit()->setPlainText(QStringLiteral("{\"report\": \"daily_sales\"}"));
        view->enqueueTask(edit.request(), original);
        QTRY_VERIFY_WITH_TIMEOUT(!taskRow(original).has_value(), kWait);
        QCOMPARE(countInState(TaskState::Pending, QStringLiteral("default")), 2);
    }

    // The details pane names the selected task, or none: a task shown that the list does not hold leaves nothing
    // selected, so no action can hit another row than the one shown; losing the selection empties the pane.
    void detailsPaneFollowsTheSelection()
    {
        const QList<qint64> listed = enqueueMany(3, QStringLiteral("h"), QStringLiteral("shown"));
        const qint64 hidden = enqueueMany(1, QStringLiteral("h"), QStringLiteral("elsewhere")).at(0);
        auto page = openPage();
        TasksView* view = page->tasksView();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        view->setQueueFilter(QStringLiteral("shown"));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 3, kWait);
        auto* header = view->findChild<QLabel*>(QStringLiteral("detailsHeader"));
        QVERIFY(header);
        QSignalSpy shown(view, &TasksView::detailsShown);

        view->table()->selectRow(0);
        const qint64 first = view->model()->taskAt(0)->id;
        QVERIFY(listed.contains(first));
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toLongLong() == first, kWait);
        QVERIFY(view->action(QStringLiteral("delete"))->isEnabled());

        // Found by id but filtered out of the list: shown on its own, and nothing stays selected.
        view->showTask(hidden);
        QTRY_VERIFY_WITH_TIMEOUT(shown.last().at(0).toLongLong() == hidden, kWait);
        QVERIFY2(header->text().contains(QStringLiteral("Task %1").arg(hidden)), qPrintable(header->text()));
        QVERIFY(!view->table()->selectionModel()->hasSelection());
        QVERIFY(!view->action(QStringLiteral("delete"))->isEnabled());
        QVERIFY(!view->action(QStringLiteral("retry"))->isEnabled());

        // A row again, then no selection: the pane says so, and what needs a shown task is off.
        view->table()->selectRow(1);
        const qint64 second = view->model()->taskAt(1)->id;
        QTRY_VERIFY_WITH_TIMEOUT(shown.last().at(0).toLongLong() == second, kWait);
        QVERIFY(view->action(QStringLiteral("editAndEnqueue"))->isEnabled());
        view->table()->clearSelection();
        QVERIFY2(header->text().startsWith(QLatin1String("Select a task")), qPrintable(header->text()));
        QVERIFY(!view->action(QStringLiteral("editAndEnqueue"))->isEnabled());
        QVERIFY(!view->action(QStringLiteral("delete"))->isEnabled());
    }

    void localExecutorRunsTasks()
    {
        auto page = openPage();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        LocalRunsModel* runs = page->executorView()->runsModel();
        QAbstractItemModelTester runsTester(runs, QAbstractItemModelTester::FailureReportingMode::QtTest);
        page->executorView()->start(); // the builtin handlers
        QTRY_VERIFY_WITH_TIMEOUT(!page->localExecutor()->workerId().isEmpty(), kWait);

        qint64 plain = 0;
        qint64 later = 0;
        qint64 unknown = 0;
        {
            SqlThreadGuard::Exempt exempt;
            EnqueueRequest sleep = request(QStringLiteral("sleep"));
            sleep.payload = QStringLiteral("{\"ms\": 300}");
            TD_TRY(a, m_store->enqueue(sleep));
            plain = a->id;
            EnqueueRequest scheduled = request(QStringLiteral("echo"));
            scheduled.delayMs = 3'600'000;
            TD_TRY(b, m_store->enqueue(scheduled));
            later = b->id;
            TD_TRY(c, m_store->enqueue(request(QStringLiteral("not.installed.here"))));
            unknown = c->id;
        }
        QTRY_COMPARE_WITH_TIMEOUT(taskRow(plain)->state, TaskState::Succeeded, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(runs->finishedCount() >= 1, kWait);

        // "Run now" from the task list: the scheduled task runs here at once.
        TasksView* view = page->tasksView();
        view->reload();
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOfTask(later) >= 0, kWait);
        view->table()->selectRow(view->model()->rowOfTask(later));
        QVERIFY(view->action(QStringLiteral("runNow"))->isEnabled());
        view->action(QStringLiteral("runNow"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(taskRow(later)->state, TaskState::Succeeded, kWait);
        QCOMPARE(taskRow(later)->lockedBy, QString());

        // A handler the local executor lacks: refused with the reason, and the task stays as it was.
        QSignalSpy refused(page->executorView(), &ExecutorView::runNowRefused);
        page->executorView()->runNow(unknown);
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, kWait);
        QVERIFY2(refused.at(0).at(1).toString().contains(QLatin1String("no handler 'not.installed.here'")),
                 qPrintable(refused.at(0).at(1).toString()));
        QCOMPARE(taskRow(unknown)->state, TaskState::Pending);

        QSignalSpy stopped(page->localExecutor(), &LocalExecutor::stopped);
        page->executorView()->stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, kWait);
    }

    void schedulesSubscriptionsAndAuditInTheConsole()
    {
        {
            SqlThreadGuard::Exempt exempt;
            TD_VERIFY_OK(m_store->subscribe(
                {QStringLiteral("order.created"), QStringLiteral("stock.reserve"), QStringLiteral("stock"), 0, {}}));
        }
        auto page = openPage();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        SchedulesView* view = page->schedulesView();
        QAbstractItemModelTester scheduleTester(view->schedules(),
                                                QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester subscriptionTester(view->subscriptions(),
                                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        page->tabs()->setCurrentWidget(view);
        QTRY_COMPARE_WITH_TIMEOUT(view->subscriptions()->rowCount(), 1, kWait);

        // The dialog checks the input as it is typed and previews the next runs in the schedule's zone.
        ScheduleDialog dialog;
        dialog.findChild<QLineEdit*>(QStringLiteral("scheduleName"))->setText(QStringLiteral("nightly"));
        auto* cron = dialog.findChild<QLineEdit*>(QStringLiteral("scheduleCron"));
        cron->setText(QStringLiteral("30 2 * * *"));
        dialog.findChild<QComboBox*>(QStringLiteral("scheduleZone"))->setCurrentText(QStringLiteral("Asia/Shanghai"));
        dialog.findChild<QLineEdit*>(QStringLiteral("scheduleHandler"))->setText(QStringLiteral("reports.export"));
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        auto* preview = dialog.findChild<QLabel*>(QStringLiteral("schedulePreview"));
        QCOMPARE(preview->text().count(QLatin1String("02:30:00 UTC+08:00")), 3);
        cron->setText(QStringLiteral("30 25 * * *"));
        QVERIFY(dialog.problem().contains(QStringLiteral("outside 0–23")));
        QVERIFY(preview->text().contains(QStringLiteral("outside 0–23")));
        cron->setText(QStringLiteral("30 2 * * *"));
        QVERIFY(dialog.problem().isEmpty());

        view->addSchedule(dialog.definition());
        QTRY_COMPARE_WITH_TIMEOUT(view->schedules()->rowCount(), 1, kWait);
        QVERIFY(view->schedules()
                    ->data(view->schedules()->index(0, ScheduleListModel::NextRunColumn))
                    .toString()
                    .endsWith(QLatin1String("02:30:00 UTC+08:00")));
        auto* table = view->findChild<QTableView*>(QStringLiteral("scheduleTable"));
        table->setCurrentIndex(view->schedules()->index(0, 0));
        view->findChild<QPushButton*>(QStringLiteral("runScheduleNow"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(countInState(TaskState::Pending), 1, kWait);
        auto* disable = view->findChild<QPushButton*>(QStringLiteral("disableSchedule"));
        QVERIFY(disable->isEnabled());
        disable->click();
        QTRY_VERIFY_WITH_TIMEOUT(!view->schedules()->rows().first().definition.enabled, kWait);
        QVERIFY(view->findChild<QPushButton*>(QStringLiteral("enableSchedule"))->isEnabled());
        QVERIFY(!disable->isEnabled());
        view->findChild<QPushButton*>(QStringLiteral("removeSchedule"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(view->schedules()->rowCount(), 0, kWait);
        {
            SqlThreadGuard::Exempt exempt;
            TD_TRY(left, m_store->schedules());
            QVERIFY(left->isEmpty());
        }

        // The audit tab lists what was just done, newest first.
        AuditLogModel* audit = page->auditLog();
        QAbstractItemModelTester tester(audit, QAbstractItemModelTester::FailureReportingMode::QtTest);
        page->tabs()->setCurrentWidget(page->findChild<QTableView*>(QStringLiteral("auditTable"))->parentWidget());
        QTRY_COMPARE_WITH_TIMEOUT(audit->rowCount(), 5, kWait);
        QStringList actions;
        for (const OperatorAction& action : audit->rows())
            actions << action.action;
        QCOMPARE(actions,
                 QStringList({QStringLiteral("schedule remove"), QStringLiteral("schedule disable"),
                              QStringLiteral("schedule run-now"), QStringLiteral("schedule add"),
                              QStringLiteral("subscribe")}));
    }

    void overviewNumbersEqualTheDatabase()
    {
        enqueueMany(4, QStringLiteral("h"), QStringLiteral("a"));
        enqueueMany(2, QStringLiteral("h"), QStringLiteral("f"));
        QCOMPARE(failAll(QStringLiteral("f")), 2);
        {
            SqlThreadGuard::Exempt exempt;
            EnqueueRequest later = request(QStringLiteral("h"), QStringLiteral("a"));
            later.delayMs = 3'600'000;
            TD_VERIFY_OK(m_store->enqueue(later));
            TD_TRY(done,
                   m_store->enqueueBatch({request(QStringLiteral("h"), QStringLiteral("s")),
                                          request(QStringLiteral("h"), QStringLiteral("s"))}));
            ClaimRequest claim;
            claim.workerId = QStringLiteral("w");
            claim.queues = {QStringLiteral("s")};
            TD_TRY(claimed, m_store->claim(claim));
            QList<Completion> completions;
            for (const ClaimedTask& task : std::as_const(*claimed))
                completions << Completion::of(task);
            TD_VERIFY_OK(m_store->complete(claim.workerId, completions));
            TD_TRY(cancel, m_store->enqueue(request(QStringLiteral("h"), QStringLiteral("c"))));
            TD_VERIFY_OK(m_store->cancelTasks({cancel->id}));
        }
        auto page = openPage();
        OverviewModel* overview = page->overviewModel();
        QSignalSpy updated(overview, &OverviewModel::updated);
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0, kWait);

        QList<StateCount> counts;
        {
            SqlThreadGuard::Exempt exempt;
            TD_TRY(fromDatabase, m_store->countTasks());
            counts = *fromDatabase;
        }
        QHash<DisplayState, qint64> total;
        for (const StateCount& c : std::as_const(counts)) {
            total[c.state] += c.count;
            if (c.state != DisplayState::Succeeded)
                QCOMPARE(overview->count(c.queue, c.state), c.count);
        }
        for (DisplayState state : OverviewModel::kStates) {
            if (state != DisplayState::Succeeded)
                QCOMPARE(overview->count({}, state), total.value(state));
        }
        QCOMPARE(overview->count({}, DisplayState::Pending), 4);
        QCOMPARE(overview->count({}, DisplayState::Scheduled), 1);
        QCOMPARE(overview->count({}, DisplayState::Failed), 2);
        QCOMPARE(overview->count({}, DisplayState::Cancelled), 1);
        QCOMPARE(overview->count({}, DisplayState::Succeeded), 2); // from the statistics of the last 24 hours
        double succeededInChart = 0;
        for (const OverviewModel::ChartPoint& point : overview->chart())
            succeededInChart += point.succeededPerMinute;
        QCOMPARE(succeededInChart, 2.0);
    }

    // An action that would change nothing is off, and its tooltip says why; one that is forced anyway (a shortcut
    // on a stale selection) says so instead of asking, and leaves no audit entry.
    void actionsThatChangeNothingAreOffAndSayWhy()
    {
        const QList<qint64> failed = enqueueMany(1, QStringLiteral("h"), QStringLiteral("mixed"));
        QCOMPARE(failAll(QStringLiteral("mixed")), 1);
        const QList<qint64> waiting = enqueueMany(1, QStringLiteral("h"), QStringLiteral("mixed"));
        auto page = openPage();
        auto dialogs = std::make_shared<test::ScriptedDialogs>();
        page->setDialogs(dialogs);
        TasksView* view = page->tasksView();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        view->setQueueFilter(QStringLiteral("mixed"));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 2, kWait);
        QAction* retry = view->action(QStringLiteral("retry"));
        QAction* cancel = view->action(QStringLiteral("cancel"));
        QAction* runNow = view->action(QStringLiteral("runNow"));

        view->table()->selectRow(view->model()->rowOfTask(waiting.first()));
        QVERIFY(!retry->isEnabled());
        QVERIFY2(retry->toolTip().contains(QLatin1String("failed and cancelled")), qPrintable(retry->toolTip()));
        QVERIFY(cancel->isEnabled());
        QVERIFY(!runNow->isEnabled());
        QVERIFY2(runNow->toolTip().contains(QLatin1String("not running")), qPrintable(runNow->toolTip()));
        view->applyToSelection(TasksView::Bulk::Retry);
        QVERIFY2(view->noticeText().contains(QLatin1String("none of the selected")), qPrintable(view->noticeText()));
        QVERIFY(dialogs->questions.isEmpty());

        view->table()->selectRow(view->model()->rowOfTask(failed.first()));
        QVERIFY(retry->isEnabled());
        QVERIFY(!cancel->isEnabled());
        QVERIFY2(runNow->toolTip().contains(QLatin1String("not running")), qPrintable(runNow->toolTip()));

        // The local executor runs the builtins, not "h": Run now on the waiting task is off and names the handler.
        QSignalSpy started(page->localExecutor(), &LocalExecutor::started);
        page->executorView()->start();
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, kWait);
        view->table()->selectRow(view->model()->rowOfTask(waiting.first()));
        QVERIFY(!runNow->isEnabled());
        QVERIFY2(runNow->toolTip().contains(QLatin1String("no handler 'h'")), qPrintable(runNow->toolTip()));
        QSignalSpy stopped(page->localExecutor(), &LocalExecutor::stopped);
        page->executorView()->stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, kWait);

        SqlThreadGuard::Exempt exempt;
        TD_TRY(actions, m_store->operatorActions(10));
        QVERIFY2(actions->isEmpty(), qPrintable(actions->isEmpty() ? QString() : actions->first().action));
    }

    // A bulk action ends with a summary of what it did; above the threshold the operator types the count; a stopped
    // one says how far it got.
    void bulkActionsSayWhatTheyDid()
    {
        constexpr int kMany = int(TasksView::kTypedConfirmationAbove) + 1;
        enqueueMany(3, QStringLiteral("h"), QStringLiteral("few"));
        QCOMPARE(failAll(QStringLiteral("few")), 3);
        enqueueMany(kMany, QStringLiteral("h"), QStringLiteral("many"));
        auto page = openPage();
        auto dialogs = std::make_shared<test::ScriptedDialogs>();
        page->setDialogs(dialogs);
        TasksView* view = page->tasksView();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        view->setQueueFilter(QStringLiteral("nothing-here"));
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->isComplete() && !view->model()->isLoading(), kWait);
        auto* summary = view->findChild<QLabel*>(QStringLiteral("listSummary"));
        QVERIFY(summary);
        QTRY_COMPARE_WITH_TIMEOUT(summary->text(), QStringLiteral("No task matches the filter."), kWait);

        QSignalSpy finished(view, &TasksView::bulkFinished);
        view->setQueueFilter(QStringLiteral("few"));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 3, kWait);
        view->table()->selectAll();
        view->action(QStringLiteral("retry"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWait);
        QCOMPARE(view->noticeText(), QStringLiteral("Retried 3 tasks."));

        // Many: a plain yes is not enough; the operator who does not type the count changes nothing.
        view->setQueueFilter(QStringLiteral("many"));
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0, kWait);
        dialogs->answerTyped = [](const QString&, const QString&) { return QString(); };
        view->action(QStringLiteral("allDelete"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(dialogs->typedQuestions.size(), 1, kWait);
        QVERIFY2(dialogs->typedQuestions.first().contains(QLocale().toString(kMany)),
                 qPrintable(dialogs->typedQuestions.first()));
        QCOMPARE(countInState(TaskState::Pending, QStringLiteral("many")), kMany);

        // Typed, then stopped at once: as the operator confirms, the SQL thread is given a job that holds it until
        // the Stop is in, so that the store stops after its first batch; the summary says how far it got.
        QSemaphore hold;
        dialogs->answerTyped = [&](const QString&, const QString& expected) {
            page->client()->run(
                view,
                [&hold](TaskStore&) -> Result<bool> {
                    hold.acquire();
                    return true;
                },
                [](Result<bool>) {});
            return expected;
        };
        view->action(QStringLiteral("allDelete"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(dialogs->typedQuestions.size(), 2, kWait);
        auto* progress = view->findChild<QProgressDialog*>(QStringLiteral("bulkProgress"));
        QVERIFY(progress);
        auto* stopButton = progress->findChild<QPushButton*>();
        QVERIFY(stopButton);
        stopButton->click();
        hold.release();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kWait);
        const qint64 deleted = finished.at(1).at(2).toLongLong();
        QCOMPARE(deleted, qint64(TaskStore::kBatchSize));
        QVERIFY2(view->noticeText().startsWith(QStringLiteral("Delete stopped after %1 of %2 tasks: Deleted %1 tasks.")
                                                   .arg(QLocale().toString(deleted), QLocale().toString(kMany))),
                 qPrintable(view->noticeText()));
        QCOMPARE(countInState(TaskState::Pending, QStringLiteral("many")), kMany - deleted);
    }

    // The task actions are in the Task menu with their shortcuts, on the list's context menu, and reachable by Tab;
    // F5 is the window's refresh (one owner, so that it is never ambiguous) and says when it refreshed.
    void taskActionsCanBeFoundAndReached()
    {
        MainWindow window;
        auto dialogs = std::make_shared<test::ScriptedDialogs>();
        window.setDialogs(dialogs);
        ConnectionPage::Options options;
        options.title = QStringLiteral("test");
        ConnectionPage* page = window.openDatabase(m_db->locator(), options);
        QVERIFY(page);
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);

        auto* menu = window.findChild<QMenu*>(QStringLiteral("taskMenu"));
        QVERIFY(menu);
        window.fillTaskMenu(menu);
        QStringList inMenu;
        for (const QAction* action : menu->actions())
            inMenu << action->objectName();
        for (const char* name :
             {"enqueue", "retry", "cancel", "delete", "runNow", "allRetry", "allDelete", "exportCsv"})
            QVERIFY2(inMenu.contains(QLatin1String(name)), name);
        QCOMPARE(page->tasksView()->action(QStringLiteral("retry"))->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
        QStringList inContextMenu;
        for (const QAction* action : page->tasksView()->table()->actions())
            inContextMenu << action->objectName();
        QCOMPARE(inContextMenu,
                 (QStringList{QStringLiteral("retry"), QStringLiteral("cancel"), QStringLiteral("delete"),
                              QStringLiteral("runNow"), QStringLiteral("editAndEnqueue")}));

        // Tab reaches every button of the task list's toolbar.
        auto* toolbar = page->tasksView()->findChild<QToolBar*>();
        QVERIFY(toolbar);
        for (QAction* action : toolbar->actions()) {
            if (QWidget* button = toolbar->widgetForAction(action))
                QVERIFY2(button->focusPolicy() & Qt::TabFocus, qPrintable(action->text()));
        }

        // F5 belongs to the window alone, and its refresh is answered in the status bar.
        auto* refresh = window.findChild<QAction*>(QStringLiteral("refreshNow"));
        QVERIFY(refresh);
        QVERIFY(refresh->shortcuts().contains(QKeySequence(QKeySequence::Refresh)));
        for (QAction* action : page->findChildren<QAction*>())
            QVERIFY2(!action->shortcuts().contains(QKeySequence(QKeySequence::Refresh)), qPrintable(action->text()));
        refresh->trigger();
        QVERIFY2(window.statusBar()->currentMessage().startsWith(QLatin1String("Refreshed at")),
                 qPrintable(window.statusBar()->currentMessage()));
        QVERIFY(
            window.shortcutsText().contains(QKeySequence(QKeySequence::Refresh).toString(QKeySequence::NativeText)));

        // Help has the console's guide (F1): the README's section on the console, as this build carries it.
        QAction* guide = nullptr;
        for (QAction* action : window.findChildren<QAction*>()) {
            if (action->shortcuts().contains(QKeySequence(QKeySequence::HelpContents)))
                guide = action;
        }
        QVERIFY(guide);
        QString shown;
        dialogs->answerDialog = [&shown](QDialog& dialog) {
            shown = dialog.findChild<QTextBrowser*>(QStringLiteral("guide"))->toPlainText();
            return false;
        };
        guide->trigger();
        QVERIFY2(shown.contains(QLatin1String("Overview")) && shown.contains(QLatin1String("All matching")),
                 qPrintable(shown.left(200)));
        QVERIFY(!shown.contains(QLatin1String("Using taskdeckctl"))); // that section is not the console's
        QCOMPARE(GuideDialog::section(QStringLiteral("# A\n## The console\nx\n![p](p.png)\ny\n## Next\nz"),
                                      QStringLiteral("## The console")),
                 QStringLiteral("## The console\nx\ny"));
    }

    // A count on the overview opens the task list filtered to exactly those tasks: the list holds as many as the
    // cell said.
    void overviewCountsOpenTheirTasks()
    {
        enqueueMany(4, QStringLiteral("h"), QStringLiteral("reports"));
        QCOMPARE(failAll(QStringLiteral("reports")), 4);
        enqueueMany(3, QStringLiteral("h"), QStringLiteral("reports"));
        enqueueMany(5, QStringLiteral("h"), QStringLiteral("mail"));
        QCOMPARE(failAll(QStringLiteral("mail")), 5);
        auto page = openPage();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        OverviewModel* overview = page->overviewModel();
        QTRY_COMPARE_WITH_TIMEOUT(overview->count(QStringLiteral("reports"), DisplayState::Failed), 4, kWait);
        auto* table = page->findChild<QTableView*>(QStringLiteral("overviewTable"));
        QVERIFY(table);
        page->tabs()->setCurrentIndex(0);
        const int failedColumn = 1 +
            int(std::find(OverviewModel::kStates.cbegin(), OverviewModel::kStates.cend(), DisplayState::Failed) -
                OverviewModel::kStates.cbegin());
        const int pendingColumn = 1;
        auto rowOf = [overview](const QString& queue) {
            for (int row = 0; row < overview->rowCount(); ++row) {
                if (overview->index(row, 0).data().toString() == queue)
                    return row;
            }
            return -1;
        };
        struct Cell
        {
            QString queue; // empty: the row of all queues
            int column;
            DisplayState state;
        };
        for (const Cell& cell : {Cell{QStringLiteral("reports"), failedColumn, DisplayState::Failed},
                                 Cell{QStringLiteral("reports"), pendingColumn, DisplayState::Pending},
                                 Cell{QString(), failedColumn, DisplayState::Failed}}) {
            const int row = cell.queue.isEmpty() ? 0 : rowOf(cell.queue);
            QVERIFY(row >= 0);
            const qint64 counted = overview->count(cell.queue, cell.state);
            QVERIFY(counted > 0);
            page->tabs()->setCurrentIndex(0);
            table->scrollTo(overview->index(row, cell.column));
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                              table->visualRect(overview->index(row, cell.column)).center());
            TasksView* tasks = page->tasksView();
            QCOMPARE(page->tabs()->currentWidget(), tasks);
            const TaskFilter filter = tasks->currentFilter();
            QCOMPARE(filter.states, QList<DisplayState>{cell.state});
            QCOMPARE(filter.queues, cell.queue.isEmpty() ? QStringList() : QStringList{cell.queue});
            QTRY_VERIFY_WITH_TIMEOUT(tasks->model()->isComplete() && !tasks->model()->isLoading() &&
                                         tasks->model()->rowCount() == counted,
                                     kWait);
        }
        // The queues' failed count, double-clicked, does the same.
        QueueListModel* queues = page->findChild<QueueListModel*>();
        QVERIFY(queues);
        page->tabs()->setCurrentWidget(page->findChild<QueuesView*>());
        queues->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(queues->rowCount() >= 2, kWait);
        int mailRow = -1;
        for (int row = 0; row < queues->rowCount(); ++row) {
            if (queues->rows().at(row).settings.name == QLatin1String("mail"))
                mailRow = row;
        }
        QVERIFY(mailRow >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(queues->rows().at(mailRow).failed, 5, kWait);
        auto* queueTable = page->findChild<QTableView*>(QStringLiteral("queueTable"));
        QVERIFY(queueTable);
        const QModelIndex mailFailed = queues->index(mailRow, QueueListModel::FailedColumn);
        const QPoint cell = queueTable->visualRect(mailFailed).center();
        QTest::mouseClick(queueTable->viewport(), Qt::LeftButton, {}, cell); // a double click starts with a press
        QTest::mouseDClick(queueTable->viewport(), Qt::LeftButton, {}, cell);
        QCOMPARE(page->tabs()->currentWidget(), page->tasksView());
        QCOMPARE(page->tasksView()->currentFilter().queues, QStringList{QStringLiteral("mail")});
        QTRY_VERIFY_WITH_TIMEOUT(page->tasksView()->model()->isComplete() && !page->tasksView()->model()->isLoading() &&
                                     page->tasksView()->model()->rowCount() == 5,
                                 kWait);

        // The charts' value axes step by round numbers (1, 2, 2.5 or 5 times a power of ten).
        const QList<QChartView*> charts = page->findChildren<QChartView*>();
        QCOMPARE(charts.size(), 3);
        for (QChartView* view : charts) {
            const QList<QAbstractAxis*> axes = view->chart()->axes(Qt::Vertical);
            QCOMPARE(axes.size(), 1);
            auto* axis = qobject_cast<QValueAxis*>(axes.first());
            QVERIFY(axis);
            QTRY_VERIFY_WITH_TIMEOUT(axis->tickCount() > 1 && axis->max() > 0, kWait);
            const double step = (axis->max() - axis->min()) / (axis->tickCount() - 1);
            const double magnitude = std::pow(10.0, std::floor(std::log10(step)));
            const double mantissa = std::round(step / magnitude * 10.0) / 10.0;
            QVERIFY2(mantissa == 1.0 || mantissa == 2.0 || mantissa == 2.5 || mantissa == 5.0,
                     qPrintable(QStringLiteral("%1: step %2").arg(view->chart()->title()).arg(step)));
        }

        // Succeeded counts come from the statistics: no list could match them, and the cell does not pretend.
        const int succeededColumn = 1 +
            int(std::find(OverviewModel::kStates.cbegin(), OverviewModel::kStates.cend(), DisplayState::Succeeded) -
                OverviewModel::kStates.cbegin());
        QVERIFY(!overview->filterAt(overview->index(0, succeededColumn)));
    }

    // A point of the failures chart opens the tasks that failed in its minute; a quiet minute opens an empty list.
    void aFailuresChartPointOpensThoseTasks()
    {
        const QList<qint64> ids = enqueueMany(4, QStringLiteral("h"), QStringLiteral("reports"));
        QCOMPARE(failAll(QStringLiteral("reports")), 4);
        QDateTime failedAt;
        {
            SqlThreadGuard::Exempt exempt;
            auto details = m_store->task(ids.first());
            QVERIFY(details && details->has_value() && !(*details)->runs.isEmpty());
            failedAt = (*details)->runs.first().finishedAt;
        }
        auto page = openPage();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        OverviewModel* overview = page->overviewModel();
        QTRY_VERIFY_WITH_TIMEOUT(overview->chartEnd().isValid() && overview->chartEnd() >= failedAt, kWait);
        QLineSeries* failures = nullptr;
        for (QChartView* view : page->findChildren<QChartView*>()) {
            if (view->chart()->series().size() == 2)
                failures = qobject_cast<QLineSeries*>(view->chart()->series().at(1));
        }
        QVERIFY(failures);
        Q_EMIT failures->clicked(QPointF(double(failedAt.toMSecsSinceEpoch()), 4));
        TasksView* tasks = page->tasksView();
        QCOMPARE(page->tabs()->currentWidget(), tasks);
        QVERIFY(tasks->currentFilter().failedFrom.isValid());
        QTRY_VERIFY_WITH_TIMEOUT(
            tasks->model()->isComplete() && !tasks->model()->isLoading() && tasks->model()->rowCount() == 4, kWait);
        auto* chip = tasks->findChild<QToolButton*>(QStringLiteral("drillDownFilter"));
        QVERIFY(chip && chip->isVisible() && chip->text().startsWith(QLatin1String("failed between")));

        page->tabs()->setCurrentIndex(0);
        Q_EMIT failures->clicked(QPointF(double(overview->chartStart().addSecs(90).toMSecsSinceEpoch()), 0));
        QTRY_VERIFY_WITH_TIMEOUT(
            tasks->model()->isComplete() && !tasks->model()->isLoading() && tasks->model()->rowCount() == 0, kWait);
    }

    // A worker's in-flight count opens the tasks it runs, as many as it says; the worker chip clears that filter.
    void workersInFlightOpensTheirTasks()
    {
        enqueueMany(5, QStringLiteral("h"), QStringLiteral("drill"));
        {
            SqlThreadGuard::Exempt exempt;
            for (const auto& [id, count] :
                 {std::pair{QStringLiteral("w-drill"), 3}, std::pair{QStringLiteral("w-other"), 2}}) {
                WorkerInfo worker;
                worker.id = id;
                worker.name = id;
                worker.host = QStringLiteral("host-a");
                worker.handlers = {QStringLiteral("h")};
                worker.concurrency = 4;
                worker.version = QStringLiteral("test");
                worker.pid = 4242;
                TD_VERIFY_OK(m_store->registerWorker(worker));
                ClaimRequest claim;
                claim.workerId = id;
                claim.limit = count;
                TD_TRY(claimed, m_store->claim(claim));
                QCOMPARE(claimed->size(), count);
                TD_VERIFY_OK(m_store->workerHeartbeat(id, count, false));
            }
        }
        auto page = openPage();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        auto* view = page->findChild<WorkersView*>();
        auto* table = view->findChild<QTableView*>(QStringLiteral("workerTable"));
        QVERIFY(table);
        auto* workers = qobject_cast<WorkerListModel*>(table->model());
        QVERIFY(workers);
        page->tabs()->setCurrentWidget(view);
        page->refreshNow();
        QTRY_COMPARE_WITH_TIMEOUT(workers->rowCount(), 2, kWait);
        int row = 0;
        while (workers->rows().at(row).worker.id != QLatin1String("w-drill"))
            ++row;
        const QModelIndex cell = workers->index(row, WorkerListModel::InFlightColumn);
        const int inFlight = workers->rows().at(row).worker.inFlight;
        QCOMPARE(inFlight, 3);
        // Selected, the worker shows below what it runs.
        table->selectRow(row);
        QTRY_VERIFY_WITH_TIMEOUT(view->runningTasks()->isComplete() && view->runningTasks()->rowCount() == inFlight,
                                 kWait);
        table->scrollTo(cell);
        const QPoint at = table->visualRect(cell).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at); // a double click starts with a press
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
        TasksView* tasks = page->tasksView();
        QCOMPARE(page->tabs()->currentWidget(), tasks);
        QCOMPARE(tasks->currentFilter().workers, QStringList{QStringLiteral("w-drill")});
        QTRY_VERIFY_WITH_TIMEOUT(tasks->model()->isComplete() && !tasks->model()->isLoading() &&
                                     tasks->model()->rowCount() == inFlight,
                                 kWait);
        auto* chip = tasks->findChild<QToolButton*>(QStringLiteral("drillDownFilter"));
        QVERIFY(chip && chip->isVisible());
        QTest::mouseClick(chip, Qt::LeftButton);
        QVERIFY(tasks->currentFilter().workers.isEmpty());
        QVERIFY(!chip->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(tasks->model()->isComplete() && tasks->model()->rowCount() == 5, kWait);
    }

    // A queue whose last task finished keeps its row (at zero) instead of vanishing under the pointer, and the
    // queue actions are on the table's context menu too.
    void queuesStayInPlace()
    {
        enqueueMany(1, QStringLiteral("h"), QStringLiteral("brief"));
        enqueueMany(1, QStringLiteral("h"), QStringLiteral("steady"));
        auto page = openPage();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        auto* queues = page->findChild<QueueListModel*>();
        QVERIFY(queues);
        auto pendingOf = [queues](const QString& name) -> qint64 {
            for (const QueueListModel::Row& row : queues->rows()) {
                if (row.settings.name == name)
                    return row.pending;
            }
            return -1; // no row
        };
        queues->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(pendingOf(QStringLiteral("brief")), 1, kWait);
        {
            SqlThreadGuard::Exempt exempt;
            ClaimRequest claim;
            claim.workerId = QStringLiteral("test-worker");
            claim.queues = {QStringLiteral("brief")};
            TD_TRY(claimed, m_store->claim(claim));
            QCOMPARE(claimed->size(), 1);
            TD_VERIFY_OK(m_store->complete(claim.workerId,
                                           {Completion::of(claimed->first(), RunOutcome::Succeeded, QString())}));
        }
        queues->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(pendingOf(QStringLiteral("brief")), 0, kWait);
        QCOMPARE(queues->rows().first().settings.name, QStringLiteral("brief")); // still in its place, by name

        auto* table = page->findChild<QTableView*>(QStringLiteral("queueTable"));
        QVERIFY(table);
        QStringList inContextMenu;
        for (const QAction* action : table->actions())
            inContextMenu << action->objectName();
        QCOMPARE(inContextMenu,
                 (QStringList{QStringLiteral("pauseQueueAction"), QStringLiteral("resumeQueueAction"),
                              QStringLiteral("queueLimitAction")}));
    }

    // The queue and handler boxes offer the known names as the operator types; choosing one applies it at once, and
    // clearing the box removes the filter at once.
    // The line at the top says how the database is doing, in words an operator reads at a glance, and each part
    // opens what it counts: the failed tasks (as many as it says), the workers, the paused queues.
    void healthLineSaysHowTheDatabaseIsDoing()
    {
        enqueueMany(3, QStringLiteral("h"), QStringLiteral("reports"));
        QCOMPARE(failAll(QStringLiteral("reports")), 3);
        {
            SqlThreadGuard::Exempt exempt;
            TD_VERIFY_OK(m_store->setQueuePaused(QStringLiteral("reports"), true));
        }
        auto page = openPage();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        HealthBar* health = page->healthBar();
        QVERIFY(health);
        QTRY_VERIFY_WITH_TIMEOUT(health->texts().size() == 4 && health->texts().at(0).startsWith(QLatin1String("3 ")),
                                 kWait);
        const QStringList texts = health->texts();
        QCOMPARE(texts.at(0), QStringLiteral("3 failed tasks · 3 failed runs in the last hour"));
        QCOMPARE(texts.at(1), QStringLiteral("nothing waiting"));
        QCOMPARE(texts.at(2), QStringLiteral("0 live workers"));
        QCOMPARE(texts.at(3), QStringLiteral("1 paused queue"));
        // The overview marks the paused queue as the queues view does.
        OverviewModel* overview = page->overviewModel();
        QStringList queueNames;
        for (int row = 0; row < overview->rowCount(); ++row)
            queueNames << overview->index(row, 0).data().toString();
        QVERIFY2(queueNames.contains(QStringLiteral("reports (paused)")), qPrintable(queueNames.join(u',')));

        auto* failed = health->findChild<QToolButton*>(QStringLiteral("healthFailed"));
        QVERIFY(failed);
        QTest::mouseClick(failed, Qt::LeftButton);
        TasksView* tasks = page->tasksView();
        QCOMPARE(page->tabs()->currentWidget(), tasks);
        QCOMPARE(tasks->currentFilter().states, QList<DisplayState>{DisplayState::Failed});
        QTRY_VERIFY_WITH_TIMEOUT(
            tasks->model()->isComplete() && !tasks->model()->isLoading() && tasks->model()->rowCount() == 3, kWait);
        QTest::mouseClick(health->findChild<QToolButton*>(QStringLiteral("healthPaused")), Qt::LeftButton);
        QCOMPARE(page->tabs()->currentWidget(), page->queuesView());
        QTest::mouseClick(health->findChild<QToolButton*>(QStringLiteral("healthWorkers")), Qt::LeftButton);
        QCOMPARE(page->tabs()->currentWidget()->objectName(), QStringLiteral("workersView"));

        // Resumed, the paused part goes; a task waiting for a worker shows its queue.
        {
            SqlThreadGuard::Exempt exempt;
            TD_VERIFY_OK(m_store->setQueuePaused(QStringLiteral("reports"), false));
        }
        enqueueMany(1, QStringLiteral("h"), QStringLiteral("mail"));
        page->refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(health->texts().size() == 3 && health->texts().at(1).endsWith(QLatin1String("(mail)")),
                                 kWait);
    }

    // The details say why a task is not running, as `taskdeckctl explain` does.
    void detailsSayWhyATaskIsNotRunning()
    {
        qint64 later = 0;
        {
            SqlThreadGuard::Exempt exempt;
            EnqueueRequest r = request(QStringLiteral("h"), QStringLiteral("mail"));
            r.delayMs = 3'600'000;
            auto added = m_store->enqueue(r);
            QVERIFY(added.ok());
            later = added->id;
        }
        auto page = openPage();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        TasksView* tasks = page->tasksView();
        auto* why = tasks->findChild<QLabel*>(QStringLiteral("whyLabel"));
        QVERIFY(why);
        tasks->showTask(later);
        QTRY_VERIFY_WITH_TIMEOUT(why->isVisibleTo(tasks) && why->text().contains(QLatin1String("It is scheduled for")),
                                 kWait);
        QVERIFY2(why->text().contains(QLatin1String("No worker is running")), qPrintable(why->text()));
    }

    // A search that finds nothing because another filter excludes its task says so, and offers the way to it.
    void aSearchHiddenByAnotherFilterSaysSo()
    {
        {
            SqlThreadGuard::Exempt exempt;
            EnqueueRequest r = request(QStringLiteral("h"), QStringLiteral("mail"));
            r.payload = QStringLiteral("{\"order\": \"needle-42\"}");
            TD_VERIFY_OK(m_store->enqueue(r));
        }
        enqueueMany(2, QStringLiteral("h"), QStringLiteral("mail"));
        auto page = openPage();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        TasksView* tasks = page->tasksView();
        auto* summary = tasks->findChild<QLabel*>(QStringLiteral("listSummary"));
        QVERIFY(summary);
        TaskFilter filter;
        filter.states = {DisplayState::Failed};
        filter.search = QStringLiteral("needle-42");
        tasks->showFiltered(filter);
        QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(QLatin1String("1 task matches")), kWait);
        QVERIFY2(summary->text().contains(QLatin1String("in all states")), qPrintable(summary->text()));
        QCOMPARE(tasks->model()->rowCount(), 0);
        Q_EMIT summary->linkActivated(QStringLiteral("clear"));
        QCOMPARE(tasks->currentFilter().states, QList<DisplayState>{});
        QCOMPARE(tasks->currentFilter().search, QStringLiteral("needle-42"));
        QTRY_VERIFY_WITH_TIMEOUT(tasks->model()->isComplete() && tasks->model()->rowCount() == 1, kWait);
        // A filter without a search that finds nothing says only that.
        TaskFilter failedOnly;
        failedOnly.states = {DisplayState::Failed};
        tasks->showFiltered(failedOnly);
        QTRY_COMPARE_WITH_TIMEOUT(summary->text(), QStringLiteral("No task matches the filter."), kWait);
    }

    void filterBoxesCompleteAndApplyAsChosen()
    {
        enqueueMany(2, QStringLiteral("invoice.send"), QStringLiteral("billing"));
        enqueueMany(1, QStringLiteral("notify.send"), QStringLiteral("mail"));
        auto page = openPage();
        QTRY_COMPARE_WITH_TIMEOUT(page->client()->state(), ClientState::Connected, kWait);
        TasksView* view = page->tasksView();
        page->tabs()->setCurrentWidget(view);
        QVERIFY(QTest::qWaitForWindowExposed(page.get()));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 3, kWait);
        auto* queue = view->findChild<QLineEdit*>(QStringLiteral("queueFilter"));
        auto* handler = view->findChild<QLineEdit*>(QStringLiteral("handlerFilter"));
        QVERIFY(queue && handler);
        auto names = [](QLineEdit* edit) {
            return static_cast<QStringListModel*>(edit->completer()->model())->stringList();
        };
        QTRY_COMPARE_WITH_TIMEOUT(names(queue), (QStringList{QStringLiteral("billing"), QStringLiteral("mail")}),
                                  kWait);
        QCOMPARE(names(handler), (QStringList{QStringLiteral("invoice.send"), QStringLiteral("notify.send")}));

        queue->setFocus();
        QTest::keyClicks(queue, QStringLiteral("bil"));
        QAbstractItemView* popup = queue->completer()->popup();
        QTRY_VERIFY_WITH_TIMEOUT(popup->isVisible(), kWait);
        QTest::keyClick(popup, Qt::Key_Down);
        QTest::keyClick(popup, Qt::Key_Return);
        QCOMPARE(queue->text(), QStringLiteral("billing"));
        QCOMPARE(view->currentFilter().queues, QStringList{QStringLiteral("billing")});
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 2, kWait);

        queue->clear();
        QVERIFY(view->currentFilter().queues.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 3, kWait);

        // A header the list cannot sort by keeps the arrow where the order is, and says so.
        QHeaderView* header = view->table()->horizontalHeader();
        const int queueColumn = TaskListModel::QueueColumn;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(queueColumn) + header->sectionSize(queueColumn) / 2,
                                 header->height() / 2));
        QCOMPARE(header->sortIndicatorSection(), int(TaskListModel::IdColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QVERIFY2(view->noticeText().contains(QLatin1String("sorts by")), qPrintable(view->noticeText()));
    }

    // Every queue action says what it did, or why it did nothing, and changes the queue as taskdeckctl would.
    void queueActionsAreAnswered()
    {
        enqueueMany(2, QStringLiteral("mail.send"), QStringLiteral("mail"));
        auto page = openPage();
        auto dialogs = std::make_shared<test::ScriptedDialogs>();
        page->setDialogs(dialogs);
        QueuesView* view = page->queuesView();
        page->tabs()->setCurrentWidget(view);
        auto* table = view->findChild<QTableView*>(QStringLiteral("queueTable"));
        auto* model = qobject_cast<QueueListModel*>(table->model());
        QVERIFY(model);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, kWait);
        auto* pause = view->findChild<QPushButton*>(QStringLiteral("pauseQueue"));
        auto* limit = view->findChild<QPushButton*>(QStringLiteral("queueLimit"));

        pause->click();
        QCOMPARE(view->statusText(), QStringLiteral("Select a queue first."));

        table->setCurrentIndex(model->index(0, 0));
        pause->click();
        QTRY_VERIFY_WITH_TIMEOUT(view->statusText().contains(QLatin1String("'mail' is paused")), kWait);
        auto settingsOfMail = [this]() -> std::optional<QueueSettings> {
            SqlThreadGuard::Exempt exempt;
            auto queues = m_store->queues();
            if (!queues)
                return std::nullopt;
            for (const QueueSettings& settings : std::as_const(*queues)) {
                if (settings.name == QLatin1String("mail"))
                    return settings;
            }
            return std::nullopt;
        };
        QVERIFY(settingsOfMail() && settingsOfMail()->paused);

        dialogs->answerDialog = nullptr; // the operator cancels
        limit->click();
        QVERIFY2(view->statusText().contains(QLatin1String("left as they are")), qPrintable(view->statusText()));
        QVERIFY(!settingsOfMail()->concurrencyLimit);

        // Every setting in one form: what is typed wrong is named and cannot be accepted.
        QString problem;
        dialogs->answerDialog = [&problem](QDialog& dialog) {
            dialog.findChild<QSpinBox*>(QStringLiteral("concurrencyLimit"))->setValue(3);
            dialog.findChild<QSpinBox*>(QStringLiteral("maxAttempts"))->setValue(7);
            dialog.findChild<QLineEdit*>(QStringLiteral("backoffBase"))->setText(QStringLiteral("2s"));
            dialog.findChild<QLineEdit*>(QStringLiteral("backoffMax"))->setText(QStringLiteral("soon"));
            problem = dialog.findChild<QLabel*>(QStringLiteral("settingsProblem"))->text();
            auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
            if (ok->isEnabled())
                return true;
            dialog.findChild<QLineEdit*>(QStringLiteral("backoffMax"))->setText(QStringLiteral("10m"));
            dialog.findChild<QLineEdit*>(QStringLiteral("timeout"))->setText(QStringLiteral("90s"));
            return ok->isEnabled();
        };
        limit->click();
        QVERIFY2(problem.contains(QLatin1String("soon")), qPrintable(problem));
        QTRY_VERIFY_WITH_TIMEOUT(view->statusText().contains(QLatin1String("settings of queue 'mail' changed")), kWait);
        const auto mail = settingsOfMail();
        QCOMPARE(mail->concurrencyLimit, std::optional<int>(3));
        QCOMPARE(mail->defaultMaxAttempts, std::optional<int>(7));
        QCOMPARE(mail->backoffBaseMs, std::optional<qint64>(2'000));
        QCOMPARE(mail->backoffMaxMs, std::optional<qint64>(600'000));
        QCOMPARE(mail->defaultTimeoutS, std::optional<int>(90));
        QVERIFY2(dialogs->warnings.isEmpty(), qPrintable(dialogs->warnings.join(u'\n')));
        QCOMPARE(dialogs->dialogTitles.last(), QStringLiteral("Settings of queue mail"));

        // Opened again, the form starts from what is set; unchanged, it changes nothing.
        QTRY_COMPARE_WITH_TIMEOUT(model->rows().first().settings.defaultMaxAttempts, std::optional<int>(7), kWait);
        QString shownTimeout;
        dialogs->answerDialog = [&shownTimeout](QDialog& dialog) {
            shownTimeout = dialog.findChild<QLineEdit*>(QStringLiteral("timeout"))->text();
            return dialog.findChild<QSpinBox*>(QStringLiteral("maxAttempts"))->value() == 7;
        };
        limit->click();
        QVERIFY2(view->statusText().contains(QLatin1String("nothing was changed")), qPrintable(view->statusText()));
        QCOMPARE(shownTimeout, formatDurationMs(90'000));
    }

    // The demo's producer says when it cannot add tasks instead of failing quietly.
    void theDemoProducerReportsWhatFails()
    {
        ConnectionPage::Options options;
        options.demoProducer = true;
        auto page = openPage(options);
        QTRY_VERIFY_WITH_TIMEOUT(countInState(TaskState::Pending) > 0, kWait);
        auto* problem = page->findChild<QLabel*>(QStringLiteral("demoProblem"));
        QVERIFY(problem && problem->isHidden());
        {
            // The tasks table moved away (a fixture's statement): every later batch fails.
            SqlThreadGuard::Exempt exempt;
            const QString tasks = m_store->dialect().tableName(QStringLiteral("tasks"));
            const QString gone = tasks.section(QLatin1Char('.'), -1) + QStringLiteral("_gone");
            QSqlQuery rename(m_store->database());
            QVERIFY2(rename.exec(QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(tasks, gone)),
                     qPrintable(rename.lastError().text()));
        }
        QTRY_VERIFY_WITH_TIMEOUT(problem->isVisible(), kWait);
        QVERIFY2(problem->text().startsWith(QLatin1String("The demo cannot add tasks: ")), qPrintable(problem->text()));
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TaskDeckTests"));
    TestConsole test;
    return taskdeck::test::runBackendTest(test, argc, argv);
}

#include "tst_console.moc"
