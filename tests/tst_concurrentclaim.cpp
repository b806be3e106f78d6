#include "support/TestDatabase.h"

#include <QMutex>
#include <QSet>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace taskdeck;
using namespace taskdeck::test;

// Eight workers, each on its own thread with its own connection, drain one queue: every task must be claimed
// exactly once and end succeeded after one attempt.
class TestConcurrentClaim : public QObject
{
    Q_OBJECT

private slots:
    void eachTaskIsClaimedExactlyOnce()
    {
        constexpr int kTasks = 10'000;
        constexpr int kWorkers = 8;
        TestDatabase db;
        {
            TD_TRY(store, db.open());
            QList<EnqueueRequest> batch;
            for (int i = 0; i < kTasks; ++i) {
                EnqueueRequest r;
                r.handler = QStringLiteral("h");
                r.payload = QStringLiteral("{\"n\":%1}").arg(i);
                r.priority = i % 3;
                batch << r;
            }
            TD_VERIFY_OK((*store)->enqueueBatch(batch));
        }

        QMutex mutex;
        QList<qint64> claimedIds;
        QStringList errors;
        std::atomic<int> duplicates{0};
        QList<QThread*> threads;
        for (int w = 0; w < kWorkers; ++w) {
            threads << QThread::create([&, w] {
                auto store = db.open({}, SchemaMode::Require);
                if (!store) {
                    QMutexLocker lock(&mutex);
                    errors << store.error().message;
                    return;
                }
                const QString worker = QStringLiteral("worker-%1").arg(w);
                while (true) {
                    auto claimed = (*store)->claim({worker, {}, {}, 25, 60'000});
                    if (!claimed) {
                        QMutexLocker lock(&mutex);
                        errors << claimed.error().message;
                        return;
                    }
                    if (claimed->isEmpty())
                        return;
                    QList<Completion> completions;
                    for (const ClaimedTask& task : std::as_const(*claimed)) {
                        if (task.attempt != 1)
                            ++duplicates;
                        completions << Completion::of(task);
                    }
                    auto report = (*store)->complete(worker, completions);
                    if (!report || !report->fenced.isEmpty()) {
                        QMutexLocker lock(&mutex);
                        errors << (report ? QStringLiteral("fenced completions") : report.error().message);
                        return;
                    }
                    QMutexLocker lock(&mutex);
                    for (const ClaimedTask& task : std::as_const(*claimed))
                        claimedIds << task.id;
                }
            });
        }
        for (QThread* thread : std::as_const(threads))
            thread->start();
        for (QThread* thread : std::as_const(threads)) {
            thread->wait();
            delete thread;
        }

        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1String("; "))));
        QCOMPARE(duplicates.load(), 0);
        QCOMPARE(claimedIds.size(), kTasks);
        const QSet<qint64> unique(claimedIds.cbegin(), claimedIds.cend());
        QCOMPARE(unique.size(), kTasks);

        TD_TRY(store, db.open());
        TD_TRY(counts, (*store)->countTasks());
        QCOMPARE(counts->size(), 1);
        QCOMPARE(counts->at(0).state, DisplayState::Succeeded);
        QCOMPARE(counts->at(0).count, qint64(kTasks));
        TD_TRY(stats, (*store)->stats(QDateTime::currentDateTimeUtc().addSecs(-3600)));
        qint64 counted = 0;
        for (const StatsRow& row : std::as_const(*stats))
            counted += row.count;
        QCOMPARE(counted, qint64(kTasks));
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestConcurrentClaim)
#include "tst_concurrentclaim.moc"
