#include "store/RetryPolicy.h"

#include <QTest>

using namespace taskdeck;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void exponential_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("1") << 1 << qint64(1'000);
        QTest::newRow("2") << 2 << qint64(2'000);
        QTest::newRow("3") << 3 << qint64(4'000);
        QTest::newRow("10") << 10 << qint64(512'000);
        QTest::newRow("capped") << 13 << qint64(3'600'000);
        QTest::newRow("huge attempt") << 1'000 << qint64(3'600'000);
    }

    void exponential()
    {
        QFETCH(int, attempt);
        QFETCH(qint64, expected);
        const RetryPolicy policy;
        QCOMPARE(policy.delayMs(attempt, 0.5), expected);
    }

    void jitterSpreadsBothWays()
    {
        const RetryPolicy policy;
        QCOMPARE(policy.delayMs(3, 0.0), qint64(3'200));
        QCOMPARE(policy.delayMs(3, 1.0), qint64(4'800));
        for (double r = 0.0; r < 1.0; r += 0.01) {
            const qint64 delay = policy.delayMs(4, r);
            QVERIFY(delay >= 6'400 && delay <= 9'600);
        }
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
