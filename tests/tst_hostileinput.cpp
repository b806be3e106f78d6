// Hostile text on every backend: SQL and shell metacharacters, quotes, LIKE wildcards, TaskDeck's own placeholder
// syntax, very long strings and characters outside the BMP in every field a user types — queue, handler, unique key,
// payload, search and the filters — are stored and matched literally and never executed; NUL is refused with a
// clear error; and a process handler gets such a payload as data on its standard input, never in a shell line.

#include "common/TextRules.h"
#include "executor/ProcessHandler.h"
#include "store/TaskStore.h"
#include "support/TestDatabase.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace taskdeck;
using namespace taskdeck::test;

namespace {

// Contains, ignoring case for ASCII letters only: the search's documented rule on every backend.
bool containsLiterally(const QString& haystack, const QString& needle)
{
    auto asciiLower = [](QString text) {
        for (QChar& c : text) {
            if (c.unicode() < 128)
                c = c.toLower();
        }
        return text;
    };
    return asciiLower(haystack).contains(asciiLower(needle));
}

QStringList hostileStrings(const QString& marker)
{
    return {
        QStringLiteral("'; DROP TABLE tasks; --"),
        QStringLiteral("\"); DELETE FROM taskdeck_tasks; --"),
        QStringLiteral("' OR '1'='1"),
        QStringLiteral("1; SELECT pg_sleep(10)"),
        QStringLiteral("$(touch %1)").arg(marker),
        QStringLiteral("`touch %1`").arg(marker),
        QStringLiteral("; touch %1 #").arg(marker),
        QStringLiteral("| rm -rf ~ &"),
        QStringLiteral("back\\slash\\'quote"),
        QStringLiteral("%"),
        QStringLiteral("_"),
        QStringLiteral("a%b_c"),
        QStringLiteral("100%_sure\\%"),
        QStringLiteral("[a-z]*?"),
        QStringLiteral("{ids} {now} :id :payload @task_id $1 ?"),
        QStringLiteral("O'Brien \"quoted\" 'single'"),
        QStringLiteral("汉字 Ünïcödé"),
        QStringLiteral("😀𝄞 non-BMP 🀄"),
        QStringLiteral("%_'\"\\;") + QString(120, QLatin1Char('x')), // long, near the queue limit
    };
}

} // namespace

class TestHostileInput : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TaskStore> m_store;

private slots:
    void init() { TD_VERIFY_OK(openFresh(m_db, m_store)); }

    void cleanup() { closeFresh(m_db, m_store); }

    void everyFieldStoresAndMatchesLiterally()
    {
        QTemporaryDir dir;
        const QString marker = dir.filePath(QStringLiteral("executed"));
        const QStringList strings = hostileStrings(marker);
        struct Stored
        {
            qint64 id;
            QString text;
            QString payload;
        };
        QList<Stored> stored;
        for (const QString& text : strings) {
            EnqueueRequest request;
            request.queue = text.left(TextLimits::kQueueName);
            request.handler = text;
            request.uniqueKey = text;
            QJsonObject payload;
            payload.insert(QStringLiteral("text"), text);
            request.payload = QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
            TD_TRY(added, m_store->enqueue(request));
            QVERIFY2(added->created, qPrintable(text));
            TD_TRY(details, m_store->task(added->id));
            const Task& task = (*details)->task;
            QCOMPARE(task.queue, request.queue);
            QCOMPARE(task.handler, text);
            QCOMPARE(task.uniqueKey, text);
            QCOMPARE(QJsonDocument::fromJson(task.payload.toUtf8()).object().value(u"text").toString(), text);
            stored << Stored{added->id, text, task.payload};
        }
        // Each unique key finds only its own task again.
        for (const Stored& s : std::as_const(stored)) {
            EnqueueRequest again;
            again.handler = QStringLiteral("h");
            again.uniqueKey = s.text;
            TD_TRY(second, m_store->enqueue(again));
            QVERIFY2(!second->created && second->id == s.id, qPrintable(s.text));
        }
        // Search, queue and handler filters match literally: '%' and '_' are characters, not wildcards.
        for (const Stored& s : std::as_const(stored)) {
            QSet<qint64> expected;
            for (const Stored& other : std::as_const(stored)) {
                if (containsLiterally(other.payload, s.text) || containsLiterally(other.text, s.text))
                    expected.insert(other.id);
            }
            TaskQuery bySearch;
            bySearch.filter.search = s.text;
            bySearch.limit = 1000;
            TD_TRY(found, m_store->listTasks(bySearch));
            QSet<qint64> ids;
            for (const Task& task : std::as_const(found->tasks))
                ids.insert(task.id);
            QVERIFY2(ids == expected,
                     qPrintable(QStringLiteral("search %1: %2 found, %3 expected")
                                    .arg(s.text)
                                    .arg(ids.size())
                                    .arg(expected.size())));

            TaskQuery byQueueAndHandler;
            byQueueAndHandler.filter.queues = {s.text.left(TextLimits::kQueueName)};
            byQueueAndHandler.filter.handlers = {s.text};
            TD_TRY(exact, m_store->listTasks(byQueueAndHandler));
            QCOMPARE(exact->tasks.size(), 1);
            QCOMPARE(exact->tasks.first().id, s.id);
        }
        // Nothing was executed: every table is there and holds exactly what was put in.
        TD_TRY(counts, m_store->countTasks());
        qint64 total = 0;
        for (const StateCount& c : std::as_const(*counts))
            total += c.count;
        QCOMPARE(total, qint64(stored.size()));
        QVERIFY(!QFileInfo::exists(marker));
    }

    void longestValuesFitOnEveryBackend()
    {
        EnqueueRequest request;
        request.queue = QString(TextLimits::kQueueName, QLatin1Char('_'));
        request.handler = QString(TextLimits::kHandlerName, QLatin1Char('\''));
        request.uniqueKey = QString(TextLimits::kUniqueKey - 2, QLatin1Char('%')) + QStringLiteral("😀");
        QJsonObject payload;
        payload.insert(QStringLiteral("blob"),
                       QString(QString(200'000, QLatin1Char('\'')) + QStringLiteral("𝄞\"\\%_")));
        request.payload = QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
        TD_TRY(added, m_store->enqueue(request));
        TD_TRY(details, m_store->task(added->id));
        QCOMPARE((*details)->task.queue, request.queue);
        QCOMPARE((*details)->task.handler, request.handler);
        QCOMPARE((*details)->task.uniqueKey, request.uniqueKey);
        QCOMPARE((*details)->task.payload, request.payload);
        TaskQuery search;
        search.filter.search = QString(TextLimits::kSearchText - 8, QLatin1Char('\'')) + QStringLiteral("𝄞\\\"\\\\%_");
        TD_TRY(found, m_store->listTasks(search));
        QCOMPARE(found->tasks.size(), 1);
        // One character over a limit is refused before it reaches the database, with the limit named.
        EnqueueRequest tooLong = request;
        tooLong.queue = QString(TextLimits::kQueueName + 1, QLatin1Char('q'));
        const auto refused = m_store->enqueue(tooLong);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(refused.error().message.contains(QString::number(TextLimits::kQueueName)),
                 qPrintable(refused.error().message));
    }

    void nulIsRefusedWithAClearError_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("queue") << QStringLiteral("queue");
        QTest::newRow("handler") << QStringLiteral("handler");
        QTest::newRow("unique key") << QStringLiteral("unique key");
        QTest::newRow("payload") << QStringLiteral("payload");
        QTest::newRow("escaped in payload") << QStringLiteral("escaped");
        QTest::newRow("search") << QStringLiteral("search");
    }

    void nulIsRefusedWithAClearError()
    {
        QFETCH(QString, field);
        const QString withNul = QStringLiteral("a") + QChar(u'\0') + QStringLiteral("b");
        Error error;
        if (field == QLatin1String("search")) {
            TaskQuery query;
            query.filter.search = withNul;
            const auto result = m_store->listTasks(query);
            QVERIFY(!result);
            error = result.error();
        } else {
            EnqueueRequest request;
            request.handler = QStringLiteral("h");
            if (field == QLatin1String("queue"))
                request.queue = withNul;
            else if (field == QLatin1String("handler"))
                request.handler = withNul;
            else if (field == QLatin1String("unique key"))
                request.uniqueKey = withNul;
            else if (field == QLatin1String("payload"))
                request.payload = QLatin1Char('"') + withNul + QLatin1Char('"');
            else
                request.payload = QStringLiteral("{\"a\": \"x\\u0000y\"}");
            const auto result = m_store->enqueue(request);
            QVERIFY(!result);
            error = result.error();
        }
        QCOMPARE(error.code, ErrorCode::InvalidArgument);
        QVERIFY2(error.message.contains(QLatin1String("NUL")), qPrintable(error.message));
        TD_TRY(counts, m_store->countTasks());
        QVERIFY(counts->isEmpty());
    }

    void processHandlerGetsHostilePayloadAsData()
    {
        QTemporaryDir dir;
        const QString marker = dir.filePath(QStringLiteral("executed"));
        ProcessHandler handler;
        handler.program = QStringLiteral("/bin/cat");
        for (const QString& text : hostileStrings(marker)) {
            QJsonObject payload;
            payload.insert(QStringLiteral("text"), text);
            HandlerContext context;
            context.taskId = 1;
            context.attempt = 1;
            context.maxAttempts = 1;
            context.queue = text;
            context.handler = QStringLiteral("cat");
            context.payload = QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
            const HandlerOutcome outcome = handler.run(context);
            QVERIFY2(outcome.outcome == RunOutcome::Succeeded, qPrintable(outcome.message));
            QVERIFY2(outcome.message.contains(context.payload), qPrintable(outcome.message));
        }
        QVERIFY(!QFileInfo::exists(marker));
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
