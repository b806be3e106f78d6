#include "common/JsonSyntax.h"
#include "common/TextRules.h"

#include <QTest>

using namespace taskdeck;

class TestTextRules : public QObject
{
    Q_OBJECT

private slots:
    void names_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "email.send" << true;
        QTest::newRow("quotes and sql") << "x'; DROP TABLE t; --" << true;
        QTest::newRow("non-BMP") << QString::fromUtf8("队列-😀") << true;
        QTest::newRow("inner space") << "a b" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("NUL") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b")) << false;
        QTest::newRow("newline") << "a\nb" << false;
        QTest::newRow("trailing space") << "abc " << false;
        QTest::newRow("leading space") << " abc" << false;
        QTest::newRow("at limit") << QString(128, QLatin1Char('q')) << true;
        QTest::newRow("over limit") << QString(129, QLatin1Char('q')) << false;
    }

    void names()
    {
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QCOMPARE(validateName(QStringLiteral("queue"), value, TextLimits::kQueueName).ok(), valid);
    }

    void payloads_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("stored");
        QTest::newRow("empty becomes object") << "" << true << "{}";
        QTest::newRow("object") << "{\"a\": 1}" << true << "{\"a\": 1}";
        QTest::newRow("array") << "[1,2]" << true << "[1,2]";
        QTest::newRow("string") << "\"text\"" << true << "\"text\"";
        QTest::newRow("number") << "42" << true << "42";
        QTest::newRow("null") << "null" << true << "null";
        QTest::newRow("unquoted text") << "hello" << false << "";
        QTest::newRow("two values") << "1, 2" << false << "";
        QTest::newRow("broken") << "{\"a\":" << false << "";
        QTest::newRow("escaped NUL") << "\"a\\u0000b\"" << false << "";
        QTest::newRow("raw NUL") << QString(QStringLiteral("\"a") + QChar(0) + QStringLiteral("\"")) << false << "";
        QTest::newRow("too big") << QString(QLatin1Char('"') + QString(TextLimits::kPayloadBytes, QLatin1Char('x')) +
                                            QLatin1Char('"'))
                                 << false << "";
    }

    void payloads()
    {
        QFETCH(QString, payload);
        QFETCH(bool, valid);
        QFETCH(QString, stored);
        const auto result = normalizePayload(payload);
        QCOMPARE(result.ok(), valid);
        if (valid)
            QCOMPARE(*result, stored);
        else
            QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    }

    // The usual slips are named, and the spot is where the operator must look.
    void jsonSlipsAreNamed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::addColumn<int>("position");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("trailing comma") << "{\"a\": 1,}"
                                        << "remove the trailing comma" << 7 << 1 << 8;
        QTest::newRow("trailing comma, lines") << "[1,\n 2,\n]"
                                               << "remove the trailing comma" << 6 << 2 << 3;
        QTest::newRow("bare name") << "{to: 1}"
                                   << "'to' has no quotes" << 1 << 1 << 2;
        QTest::newRow("bare value") << "{\"mode\": fast}"
                                    << "'fast' has no quotes" << 9 << 1 << 10;
        QTest::newRow("bare word") << "hello"
                                   << "'hello' has no quotes" << 0 << 1 << 1;
        QTest::newRow("single quotes") << "{'a': 1}"
                                       << "single quotes" << 1 << 1 << 2;
        QTest::newRow("unclosed string") << "{\"a\": \"x}"
                                         << "never closed" << -1 << 1 << -1;
        QTest::newRow("two values") << "1, 2"
                                    << "more than one value" << 3 << 1 << 4;
        QTest::newRow("ends early") << "{\"a\":"
                                    << "ends too early" << -1 << 1 << -1;
    }

    void jsonSlipsAreNamed()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        QFETCH(int, position);
        QFETCH(int, line);
        QFETCH(int, column);
        const auto problem = JsonSyntax::check(text);
        QVERIFY(problem);
        QVERIFY2(problem->message.contains(says), qPrintable(problem->message));
        if (position >= 0)
            QCOMPARE(problem->position, qsizetype(position));
        QCOMPARE(problem->line, line);
        if (column >= 0)
            QCOMPARE(problem->column, column);
        // The payload check says the same, with the line and the column.
        const auto payload = normalizePayload(text);
        QVERIFY(!payload);
        QVERIFY2(
            payload.error().message.contains(says) &&
                payload.error().message.contains(QStringLiteral("line %1, column %2").arg(line).arg(problem->column)),
            qPrintable(payload.error().message));
        QVERIFY(!JsonSyntax::check(QStringLiteral("{\"a\": [1, 2], \"b\": \"x\"}")));
    }

    void handlerTextIsKeptNotRejected()
    {
        const QString withNul = QStringLiteral("bad") + QChar(0) + QStringLiteral("byte");
        QCOMPARE(sanitizeHandlerText(withNul), QStringLiteral("bad\uFFFDbyte"));
        const QString longText(50'000, QLatin1Char('e'));
        const QString cut = sanitizeHandlerText(longText, 100);
        QVERIFY(cut.startsWith(QString(100, QLatin1Char('e'))));
        QVERIFY(cut.contains(QLatin1String("49900 more characters")));
    }

    void resultBecomesJsonString()
    {
        QCOMPARE(sanitizeResultJson(QStringLiteral("{\"ok\":true}")), QStringLiteral("{\"ok\":true}"));
        QCOMPARE(sanitizeResultJson(QStringLiteral("plain output")), QStringLiteral("\"plain output\""));
        QCOMPARE(sanitizeResultJson(QString()), QString());
    }
};

QTEST_GUILESS_MAIN(TestTextRules)
#include "tst_textrules.moc"
