#include "schedule/CronExpression.h"

#include <QTest>

using namespace taskdeck;

namespace {

QDateTime utc(const char* iso)
{
    QDateTime time = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    time.setTimeSpec(Qt::UTC);
    return time;
}

QStringList times(std::initializer_list<const char*> values)
{
    QStringList list;
    for (const char* value : values)
        list << QString::fromLatin1(value);
    return list;
}

} // namespace

class TestCron : public QObject
{
    Q_OBJECT

private slots:
    // Each row: an expression in a zone, a starting instant and the next occurrences that must follow, in UTC.
    void occurrences_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("after");
        QTest::addColumn<QStringList>("expected");
        // 2026: Europe switches on 29 March (02:00 CET → 03:00 CEST) and 25 October (03:00 CEST → 02:00 CET);
        // New York on 8 March (02:00 EST → 03:00 EDT) and 1 November (02:00 EDT → 01:00 EST).
        QTest::newRow("Berlin 02:30 daily, skipped local time runs once at the change")
            << "30 2 * * *"
            << "Europe/Berlin"
            << "2026-03-27T12:00:00Z"
            << times({"2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"});
        QTest::newRow("Berlin 02:30 daily, repeated local time runs once, first occurrence")
            << "30 2 * * *"
            << "Europe/Berlin"
            << "2026-10-23T12:00:00Z"
            << times({"2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"});
        QTest::newRow("Berlin every 30 minutes across the spring change")
            << "*/30 * * * *"
            << "Europe/Berlin"
            << "2026-03-29T00:10:00Z"
            << times({"2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z"});
        QTest::newRow("Berlin every 30 minutes across the autumn change: the repeated hour once")
            << "*/30 * * * *"
            << "Europe/Berlin"
            << "2026-10-25T00:10:00Z"
            << times({"2026-10-25T00:30:00Z", "2026-10-25T02:00:00Z", "2026-10-25T02:30:00Z"});
        QTest::newRow("Berlin, starting inside the second pass of the repeated hour")
            << "*/30 * * * *"
            << "Europe/Berlin"
            << "2026-10-25T01:10:00Z" << times({"2026-10-25T01:30:00Z", "2026-10-25T02:00:00Z"});
        QTest::newRow("New York 02:30 daily, skipped on 8 March")
            << "30 2 * * *"
            << "America/New_York"
            << "2026-03-06T12:00:00Z"
            << times({"2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"});
        QTest::newRow("New York 01:30 daily, repeated on 1 November")
            << "30 1 * * *"
            << "America/New_York"
            << "2026-10-30T12:00:00Z"
            << times({"2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"});
        QTest::newRow("New York hourly across the autumn change")
            << "@hourly"
            << "America/New_York"
            << "2026-11-01T04:30:00Z"
            << times({"2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z", "2026-11-01T08:00:00Z"});
        QTest::newRow("Shanghai 02:30 every day (no DST)")
            << "30 2 * * *"
            << "Asia/Shanghai"
            << "2026-11-21T00:00:00Z" << times({"2026-11-21T18:30:00Z", "2026-11-22T18:30:00Z"});
        QTest::newRow("UTC seconds field")
            << "*/10 * * * * *"
            << "UTC"
            << "2026-11-21T12:00:05Z" << times({"2026-11-21T12:00:10Z", "2026-11-21T12:00:20Z"});
        QTest::newRow("weekdays by name")
            << "0 9 * * MON-FRI"
            << "UTC"
            << "2026-11-20T10:00:00Z" << times({"2026-11-23T09:00:00Z", "2026-11-24T09:00:00Z"});
        QTest::newRow("both day fields: either matches")
            << "0 0 13 * 5"
            << "UTC"
            << "2026-11-12T00:00:00Z"
            << times({"2026-11-13T00:00:00Z", "2026-11-20T00:00:00Z", "2026-11-27T00:00:00Z", "2026-12-04T00:00:00Z",
                      "2026-12-11T00:00:00Z", "2026-12-13T00:00:00Z"});
        QTest::newRow("7 is Sunday") << "0 0 * * 7"
                                     << "UTC"
                                     << "2026-11-21T00:00:00Z"
                                     << times({"2026-11-22T00:00:00Z", "2026-11-29T00:00:00Z"});
        QTest::newRow("leap day") << "0 0 29 2 *"
                                  << "UTC"
                                  << "2026-03-01T00:00:00Z" << times({"2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"});
        QTest::newRow("ranges with steps and lists")
            << "5,20-40/10 8 1 jan,jul *"
            << "UTC"
            << "2026-06-30T00:00:00Z"
            << times({"2026-07-01T08:05:00Z", "2026-07-01T08:20:00Z", "2026-07-01T08:30:00Z", "2026-07-01T08:40:00Z",
                      "2027-01-01T08:05:00Z"});
        QTest::newRow("start between seconds") << "@daily"
                                               << "UTC"
                                               << "2026-11-21T23:59:59.999Z" << times({"2026-11-22T00:00:00Z"});
    }

    void occurrences()
    {
        QFETCH(QString, expression);
        QFETCH(QString, zone);
        QFETCH(QString, after);
        QFETCH(QStringList, expected);
        auto cron = CronExpression::parse(expression);
        QVERIFY2(cron, cron ? "" : qPrintable(cron.error().message));
        auto timeZone = CronExpression::zone(zone);
        QVERIFY2(timeZone, timeZone ? "" : qPrintable(timeZone.error().message));
        QDateTime cursor = utc(after.toLatin1().constData());
        QVERIFY(cursor.isValid());
        for (const QString& next : expected) {
            const auto occurrence = cron->nextAfter(cursor, *timeZone);
            QVERIFY2(occurrence.has_value(), qPrintable(next));
            QCOMPARE(occurrence->toUTC().toString(Qt::ISODate), next);
            cursor = *occurrence;
        }
    }

    void neverFires()
    {
        auto cron = CronExpression::parse(QStringLiteral("0 0 30 2 *"));
        QVERIFY(cron);
        QVERIFY(!cron->nextAfter(utc("2026-01-01T00:00:00Z"), QTimeZone::utc()).has_value());
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("message");
        QTest::newRow("minute out of range") << "61 * * * *"
                                             << "outside 0–59";
        QTest::newRow("too few fields") << "* * *"
                                        << "has 3 fields";
        QTest::newRow("too many fields") << "* * * * * * *"
                                         << "has 7 fields";
        QTest::newRow("unknown macro") << "@reboot"
                                       << "not a cron macro";
        QTest::newRow("backwards range") << "5-1 * * * *"
                                         << "runs backwards";
        QTest::newRow("zero step") << "*/0 * * * *"
                                   << "step";
        QTest::newRow("word") << "x * * * *"
                              << "not a number";
        QTest::newRow("bad month name") << "0 0 1 FOO *"
                                        << "name like JAN";
        QTest::newRow("empty list item") << "1,,2 * * * *"
                                         << "empty list item";
        QTest::newRow("day zero") << "0 0 0 * *"
                                  << "outside 1–31";
        QTest::newRow("negative") << "-1 * * * *"
                                  << "not a number";
        QTest::newRow("empty") << ""
                               << "has 0 fields";
    }

    void invalid()
    {
        QFETCH(QString, expression);
        QFETCH(QString, message);
        auto cron = CronExpression::parse(expression);
        QVERIFY(!cron);
        QVERIFY2(cron.error().message.contains(message), qPrintable(cron.error().message));
    }

    void zones()
    {
        QVERIFY(CronExpression::zone(QStringLiteral("Europe/Berlin")));
        QVERIFY(CronExpression::zone(QStringLiteral("UTC")));
        auto bad = CronExpression::zone(QStringLiteral("Mars/Olympus_Mons"));
        QVERIFY(!bad);
        QVERIFY(bad.error().message.contains(QLatin1String("Mars/Olympus_Mons")));
    }
};

QTEST_GUILESS_MAIN(TestCron)
#include "tst_cron.moc"
