#include "export/TaskCsvExport.h"
#include "support/TestDatabase.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace taskdeck;
using namespace taskdeck::test;

// The CSV export shared by the console and taskdeckctl: every matching task, page by page, and a file only when
// the export is whole.
class TestCsvExport : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TaskStore> m_store;

    static QByteArray readAll(const QString& path)
    {
        QFile file(path); // as text: the export's lines end in CRLF on Windows
        return file.open(QIODevice::ReadOnly | QIODevice::Text) ? file.readAll() : QByteArray();
    }

private slots:
    void init()
    {
        TD_VERIFY_OK(openFresh(m_db, m_store));
        QList<EnqueueRequest> batch;
        for (int i = 0; i < 2'500; ++i) {
            EnqueueRequest r;
            r.handler = QStringLiteral("export.me");
            r.payload = QStringLiteral("{\"n\": %1, \"note\": \"say \\\"hi\\\", then go\"}").arg(i);
            batch << r;
        }
        TD_TRY(added, m_store->enqueueBatch(batch));
    }

    void cleanup() { closeFresh(m_db, m_store); }

    void fieldsAreQuotedAndFormulasKeptAsData()
    {
        Task task;
        task.id = 7;
        task.queue = QStringLiteral("=HYPERLINK(\"x\")");
        task.handler = QStringLiteral("h");
        task.lastError = QStringLiteral("line one\nline, two");
        task.payload = QStringLiteral("{\"a\": 1}");
        const QByteArray line = TaskCsvExport::line(task);
        QVERIFY2(line.contains(",\"'=HYPERLINK(\"\"x\"\")\",h,"), line.constData());
        QVERIFY2(line.contains("\"line one\nline, two\""), line.constData());
        QVERIFY2(line.endsWith(",\"{\"\"a\"\": 1}\"\n"), line.constData());
    }

    void everyMatchingTaskIsWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tasks.csv"));
        TaskQuery query;
        query.limit = 1'000;
        QList<qint64> progress;
        TaskCsvExport::Hooks hooks;
        hooks.progress = [&progress](qint64 rows) { progress << rows; };
        TD_TRY(rows, TaskCsvExport::writeFile(*m_store, query, path, hooks));
        QCOMPARE(*rows, qint64(2'500));
        QCOMPARE(progress, (QList<qint64>{1'000, 2'000, 2'500}));
        const QByteArray text = readAll(path);
        QVERIFY(text.startsWith(TaskCsvExport::headerLine()));
        QCOMPARE(text.count('\n'), 2'501);
        QVERIFY(text.contains("\"{\"\"n\"\": 0, \"\"note\"\": \"\"say \\\"\"hi\\\"\", then go\"\"}\""));
    }

    void interruptedExportLeavesNoFile()
    {
        QTemporaryDir dir;
        const QString fresh = dir.filePath(QStringLiteral("fresh.csv"));
        const QString earlier = dir.filePath(QStringLiteral("earlier.csv"));
        {
            QFile file(earlier);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QCOMPARE(file.write("the export of yesterday\n"), qint64(24));
        }
        TaskQuery query;
        query.limit = 1'000;
        TaskCsvExport::Hooks hooks;
        hooks.interrupted = [] { return true; }; // stop after the first page
        for (const QString& path : {fresh, earlier}) {
            auto rows = TaskCsvExport::writeFile(*m_store, query, path, hooks);
            QVERIFY(!rows);
            QVERIFY2(rows.error().message.contains(QLatin1String("stopped after 1000 tasks")) &&
                         rows.error().message.contains(QLatin1String("was not written")),
                     qPrintable(rows.error().message));
        }
        QVERIFY(!QFile::exists(fresh));
        QCOMPARE(readAll(earlier), QByteArray("the export of yesterday\n"));
        // No temporary file left behind either.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("earlier.csv")});
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestCsvExport)
#include "tst_csvexport.moc"
