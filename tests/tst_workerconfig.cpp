#include "executor/ProcessHandler.h"
#include "executor/WorkerConfig.h"

#include <QFile>
#include <QTest>

using namespace taskdeck;

class TestWorkerConfig : public QObject
{
    Q_OBJECT

private:
    static Locator database() { return *Locator::parse(QStringLiteral("sqlite:/tmp/unused.db")); }

private slots:
    void rejectsWithFileLineAndReason_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected"); // "LINE: reason fragment"
        QTest::newRow("broken json") << "{\n  \"handlers\": {\n    \"a\": {\"type\": \"builtin\"},,\n  }\n}"
                                     << "3: not valid JSON";
        QTest::newRow("not an object") << "[1, 2]"
                                       << "1: the configuration must be a JSON object";
        QTest::newRow("unknown top-level key") << "{\n  \"handlers\": {\"noop\": {\"type\": \"builtin\"}},\n"
                                                  "  \"concurrensy\": 4\n}"
                                               << "3: unknown key 'concurrensy'";
        QTest::newRow("no handlers") << "{\n  \"name\": \"w\"\n}"
                                     << "1: \"handlers\" must name at least one handler";
        QTest::newRow("unknown type") << "{\n  \"handlers\": {\n    \"x\": {\"type\": \"shell\"}\n  }\n}"
                                      << "3: handler 'x' needs \"type\"";
        QTest::newRow("unknown builtin") << "{\n  \"handlers\": {\n    \"x\": {\"type\": \"builtin\"}\n  }\n}"
                                         << "3: handler 'x': there is no builtin 'x'";
        QTest::newRow("process without program")
            << "{\n  \"handlers\": {\n    \"x\": {\"type\": \"process\", \"args\": []}\n  }\n}"
            << "3: process handler 'x' needs \"program\"";
        QTest::newRow("misspelled process key")
            << "{\n  \"handlers\": {\n    \"x\": {\"type\": \"process\",\n           \"program\": \"/bin/true\",\n"
               "           \"agrs\": [\"-v\"]}\n  }\n}"
            << "5: unknown key 'agrs' in process handler 'x'";
        QTest::newRow("args not strings")
            << "{\n  \"handlers\": {\n    \"x\": {\"type\": \"process\", \"program\": \"/bin/true\", \"args\": [1]}\n"
               "  }\n}"
            << "3: 'args' takes a list of strings only";
        QTest::newRow("sql without statement") << "{\n  \"handlers\": {\n    \"x\": {\"type\": \"sql\"}\n  }\n}"
                                               << "3: sql handler 'x' needs \"statement\"";
        QTest::newRow("bad timeout") << "{\n  \"handlers\": {\n    \"x\": {\"type\": \"builtin\", \"builtin\": "
                                        "\"noop\",\n           \"timeout\": \"soon\"}\n  }\n}"
                                     << "4: 'soon' is not a duration";
        QTest::newRow("password in locator")
            << "{\n  \"database\": \"postgresql://u:secret@h/db\",\n  \"handlers\": {\"noop\": {\"type\": "
               "\"builtin\"}}\n}"
            << "2: the database locator contains a password";
        QTest::newRow("heartbeat too slow") << "{\n  \"lease\": \"10s\",\n  \"heartbeat\": \"6s\",\n  \"handlers\": "
                                               "{\"noop\": {\"type\": \"builtin\"}}\n}"
                                            << "3: the heartbeat must be at most half the lease";
        QTest::newRow("lease beyond ten years, as a number")
            << "{\n  \"handlers\": {\"noop\": {\"type\": \"builtin\"}},\n"
               "  \"lease\": 444444444444444444444444444444444444444444\n}"
            << "3: is too long (at most 10 years)";
        QTest::newRow("negative timeout, as a number")
            << "{\n  \"handlers\": {\n    \"x\": {\"type\": \"builtin\", \"builtin\": \"noop\",\n"
               "           \"timeout\": -5}\n  }\n}"
            << "4: it must not be negative";
        QTest::newRow("success runs not a boolean")
            << "{\n  \"handlers\": {\"noop\": {\"type\": \"builtin\"}},\n  \"record_successful_runs\": \"no\"\n}"
            << "3: 'record_successful_runs' is true or false";
        QTest::newRow("bad concurrency") << "{\n  \"concurrency\": 0,\n  \"handlers\": {\"noop\": {\"type\": "
                                            "\"builtin\"}}\n}"
                                         << "2: 'concurrency' is a number from 1 to 1000";
        QTest::newRow("journal without file") << "{\n  \"handlers\": {\n    \"j\": {\"type\": \"builtin\", "
                                                 "\"builtin\": \"journal\"}\n  }\n}"
                                              << "3: handler 'j': the builtin 'journal' needs its options";
    }

    void rejectsWithFileLineAndReason()
    {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        const auto config = WorkerConfig::parse(json.toUtf8(), QStringLiteral("worker.json"), database());
        QVERIFY(!config.ok());
        QCOMPARE(config.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(config.error().message.startsWith(QLatin1String("worker.json:") + expected.section(u':', 0, 0) +
                                                   QLatin1Char(':')),
                 qPrintable(config.error().message));
        QVERIFY2(config.error().message.contains(expected.section(u':', 1).trimmed()),
                 qPrintable(config.error().message));
    }

    void readmeExampleIsValid()
    {
        QFile readme(QStringLiteral(QT_TESTCASE_SOURCEDIR "/../README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QByteArray text = readme.readAll();
        const qsizetype start = text.indexOf("```json\n");
        QVERIFY(start >= 0);
        const qsizetype end = text.indexOf("```", start + 8);
        const QByteArray json = text.mid(start + 8, end - start - 8);
        const auto config = WorkerConfig::parse(json, QStringLiteral("README.md"), database());
        QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
        QCOMPARE(config->handlers->names().size(), 4);
        QVERIFY(config->onFailed);
    }

    void acceptsEveryHandlerKind()
    {
        const QByteArray json =
            "{\n"
            "            \"database\": \"postgresql://taskdeck@db1/tasks\",\n"
            "            \"password_file\": \"/etc/taskdeck/db-password\",\n"
            "            \"name\": \"billing\", \"queues\": [\"billing\", \"mail\"], \"concurrency\": 8,\n"
            "            \"lease\": \"20s\", \"heartbeat\": 5, \"shutdown_grace\": \"1m\", \"poll_max\": \"500ms\",\n"
            "            \"metrics\": \"127.0.0.1:9464\", \"record_successful_runs\": false,\n"
            "            \"handlers\": {\n"
            "                \"noop\": {\"type\": \"builtin\"},\n"
            "                \"nap\": {\"type\": \"builtin\", \"builtin\": \"sleep\", \"timeout\": \"5s\"},\n"
            "                \"export\": {\"type\": \"process\", \"program\": \"/usr/bin/export\", \"args\": "
            "[\"--fast\", \"x y\"],\n"
            "                           \"env\": {\"LANG\": \"C.UTF-8\"}, \"workdir\": \"/tmp\", \"timeout\": \"10m\", "
            "\"kill_grace\": \"2s\"},\n"
            "                \"recalc\": {\"type\": \"sql\", \"statement\": \"SELECT recalc(:payload, :task_id, "
            ":attempt)\"}\n"
            "            },\n"
            "            \"on_failed\": {\"program\": \"/usr/local/bin/page\", \"args\": [\"taskdeck\"]}\n"
            "        }\n";
        const auto config = WorkerConfig::parse(json, QStringLiteral("worker.json"), database());
        QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
        QCOMPARE(config->database, QStringLiteral("postgresql://taskdeck@db1/tasks"));
        QCOMPARE(config->passwordFile, QStringLiteral("/etc/taskdeck/db-password"));
        QCOMPARE(config->options.name, QStringLiteral("billing"));
        QCOMPARE(config->options.queues, (QStringList{QStringLiteral("billing"), QStringLiteral("mail")}));
        QCOMPARE(config->options.concurrency, 8);
        QVERIFY(!config->options.store.recordSuccessfulRuns);
        QCOMPARE(config->options.leaseMs, qint64(20'000));
        QCOMPARE(config->options.heartbeatMs, qint64(5'000));
        QCOMPARE(config->options.shutdownGraceMs, qint64(60'000));
        QCOMPARE(config->options.pollMaxMs, qint64(500));
        QCOMPARE(config->metrics, QStringLiteral("127.0.0.1:9464"));
        QCOMPARE(config->handlers->names(),
                 (QStringList{QStringLiteral("export"), QStringLiteral("nap"), QStringLiteral("noop"),
                              QStringLiteral("recalc")}));
        QCOMPARE(config->handlers->find(QStringLiteral("nap"))->timeoutS, std::optional<int>(5));
        const auto exporter =
            std::dynamic_pointer_cast<const ProcessHandler>(config->handlers->find(QStringLiteral("export")));
        QVERIFY(exporter);
        QCOMPARE(exporter->arguments, (QStringList{QStringLiteral("--fast"), QStringLiteral("x y")}));
        QCOMPARE(exporter->environment.value(QStringLiteral("LANG")), QStringLiteral("C.UTF-8"));
        QCOMPARE(exporter->killGraceMs, qint64(2'000));
        QCOMPARE(exporter->timeoutS, std::optional<int>(600));
        QCOMPARE(config->handlers->find(QStringLiteral("recalc"))->kind(), QStringLiteral("sql"));
        QVERIFY(config->onFailed);
        QCOMPARE(config->onFailed->arguments, QStringList{QStringLiteral("taskdeck")});
    }
};

QTEST_GUILESS_MAIN(TestWorkerConfig)
#include "tst_workerconfig.moc"
