#include "common/Duration.h"

#include <QTest>

using namespace taskdeck;

class TestDuration : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("milliseconds") << "250ms" << true << qint64(250);
        QTest::newRow("seconds") << "30s" << true << qint64(30'000);
        QTest::newRow("minutes") << "5m" << true << qint64(300'000);
        QTest::newRow("hours") << "1h" << true << qint64(3'600'000);
        QTest::newRow("days") << "2d" << true << qint64(172'800'000);
        QTest::newRow("plain seconds") << "42" << true << qint64(42'000);
        QTest::newRow("fractional seconds") << "1.5" << true << qint64(1'500);
        QTest::newRow("fractional minutes") << "0.5m" << true << qint64(30'000);
        QTest::newRow("spaces around") << " 10 s " << true << qint64(10'000);
        QTest::newRow("zero") << "0" << true << qint64(0);
        QTest::newRow("empty") << "" << false << qint64(0);
        QTest::newRow("negative") << "-5s" << false << qint64(0);
        QTest::newRow("unknown unit") << "5w" << false << qint64(0);
        QTest::newRow("unit only") << "ms" << false << qint64(0);
        // As formatDurationMs() writes them, so that what is shown can be typed back.
        QTest::newRow("two units") << "1h30m" << true << qint64(5'400'000);
        QTest::newRow("minutes and seconds") << "1m30s" << true << qint64(90'000);
        QTest::newRow("a part without its unit") << "1h30" << false << qint64(0);
        QTest::newRow("units with a sign between") << "1h-30m" << false << qint64(0);
        QTest::newRow("too long") << "4000d" << false << qint64(0);
        QTest::newRow("garbage") << "soon" << false << qint64(0);
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, ms);
        const auto result = parseDurationMs(text);
        QCOMPARE(result.ok(), valid);
        if (valid)
            QCOMPARE(*result, ms);
        else
            QVERIFY(result.error().message.contains(QLatin1String("250ms")) ||
                    result.error().message.contains(QLatin1String("too long")));
    }

    void format_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("ms") << qint64(250) << "250ms";
        QTest::newRow("seconds") << qint64(1500) << "1.5s";
        QTest::newRow("minutes") << qint64(5 * 60'000 + 3000) << "5m3s";
        QTest::newRow("hours") << qint64(2 * 3'600'000 + 30 * 60'000) << "2h30m";
        QTest::newRow("days") << qint64(86'400'000 + 3'600'000) << "1d1h";
    }

    void format()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(formatDurationMs(ms), text);
        const auto back = parseDurationMs(text); // what is shown reads back as the same duration
        QVERIFY(back.ok());
        QCOMPARE(*back, ms);
    }
};

QTEST_GUILESS_MAIN(TestDuration)
#include "tst_duration.moc"
