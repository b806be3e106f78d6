// The SQL Server dialect, checked without a server: every statement it can issue goes through sqlfluff's T-SQL
// grammar (a syntax error fails the test), and the shapes that matter for correctness are checked as text.

#include "agent/AgentJobs.h"
#include "db/SqlServerDialect.h"
#include "db/TaskListSql.h"
#include "support/SqlScript.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace taskdeck;

namespace {

struct Statement
{
    QString origin; // where it comes from, for the failure message
    QString text;
};

// As the store prepares it, with named parameters written as T-SQL variables so that the grammar sees real syntax.
QString rendered(const SqlServerDialect& dialect, QString sql)
{
    sql.replace(QLatin1String("{now}"), dialect.nowExpression());
    sql.replace(QLatin1String("{shards}"), QStringLiteral("shard >= 0"));
    sql.replace(QLatin1String("{ids}"), QStringLiteral("@id0, @id1, @id2"));
    static const QRegularExpression parameter(QStringLiteral("(?<![\\w:@]):([a-z_][a-z0-9_]*)"));
    sql.replace(parameter, QStringLiteral("@\\1"));
    return sql;
}

QList<Statement> everyStatement()
{
    const SqlServerDialect dialect;
    QList<Statement> statements;
    for (int i = 0; i < kSqlStatementCount; ++i) {
        const QString sql = dialect.sql(Sql(i));
        if (!sql.isEmpty())
            statements << Statement{QStringLiteral("Sql statement #%1").arg(i), rendered(dialect, sql)};
    }
    const QList<std::pair<const char*, ClaimShape>> claims{
        {"claim, any queue", ClaimShape{}},
        {"claim, queues and handlers", ClaimShape{2, 3, 0, false}},
        {"claim, excluded queues", ClaimShape{0, 0, 2, false}},
        {"claim, run now", ClaimShape{0, 1, 0, true}},
    };
    for (const auto& [origin, shape] : claims)
        statements << Statement{QString::fromLatin1(origin), rendered(dialect, dialect.claimSql(shape))};
    for (auto sortKey : {ListShape::SortKey::Id, ListShape::SortKey::RunAt, ListShape::SortKey::CreatedAt,
                         ListShape::SortKey::Priority}) {
        ListShape shape;
        shape.displayStates = {QStringLiteral("pending"), QStringLiteral("scheduled"), QStringLiteral("retrying"),
                               QStringLiteral("failed")};
        shape.queueCount = 2;
        shape.handlerCount = 1;
        shape.search = true;
        shape.createdFrom = true;
        shape.createdTo = true;
        shape.sortKey = sortKey;
        shape.descending = sortKey != ListShape::SortKey::RunAt;
        shape.afterCursor = true;
        statements << Statement{QStringLiteral("list sorted by key %1").arg(int(sortKey)),
                                rendered(dialect, TaskListSql::select(dialect, shape))};
    }
    ListShape idsOnly;
    idsOnly.idsOnly = true;
    idsOnly.search = true;
    statements << Statement{QStringLiteral("list of ids"), rendered(dialect, TaskListSql::select(dialect, idsOnly))};
    statements << Statement{QStringLiteral("list without filter"),
                            rendered(dialect, TaskListSql::select(dialect, ListShape{}))};
    statements << Statement{QStringLiteral("runs of 10 tasks in one INSERT"),
                            rendered(dialect, dialect.batchSql(BatchSql::InsertRuns, {10, false}))};
    for (const Migration& migration : dialect.migrations()) {
        for (qsizetype i = 0; i < migration.statements.size(); ++i)
            statements << Statement{QStringLiteral("migration %1, statement %2").arg(migration.version).arg(i + 1),
                                    migration.statements.at(i)};
    }
    for (const QString& setting : SqlServerDialect::sessionStatements())
        statements << Statement{QStringLiteral("session setting"), setting};
    statements << Statement{QStringLiteral("migration lock"), SqlServerDialect::migrationLockSql()};
    const QList<std::pair<const char*, QString>> agent{
        {"agent: log table columns", AgentSql::logTableColumns()},
        {"agent: jobs", AgentSql::jobs()},
        {"agent: history", AgentSql::history()},
        {"agent: start job", AgentSql::startJob()},
        {"agent: delete job", AgentSql::deleteJob()},
    };
    for (const auto& [origin, sql] : agent)
        statements << Statement{QString::fromLatin1(origin), rendered(dialect, sql)};
    for (const QString& column : AgentSql::kLogNameColumns)
        statements << Statement{QStringLiteral("agent: log rows by ") + column,
                                rendered(dialect, AgentSql::logRows(column))};
    // The roles script administrators run (resources/sql/sqlserver/roles.sql).
    const QStringList roles =
        test::splitSqlScript(test::readSourceFile(QStringLiteral("resources/sql/sqlserver/roles.sql")));
    for (qsizetype i = 0; i < roles.size(); ++i)
        statements << Statement{QStringLiteral("roles.sql, statement %1").arg(i + 1), roles.at(i)};
    return statements;
}

// Statements that are valid T-SQL (per Microsoft's documentation) but that sqlfluff 1.4 cannot read; each is checked
// to be exactly this text, so nothing else slips through.
// SET LOCK_TIMEOUT: https://learn.microsoft.com/sql/t-sql/statements/set-lock-timeout-transact-sql
const QStringList kBeyondSqlfluff{QStringLiteral("SET LOCK_TIMEOUT 10000")};

// Runs sqlfluff's T-SQL parser over the statements, one file each (so that a statement the grammar cannot read is
// named, and no file is big enough for sqlfluff to skip it), and returns those it could not parse; an error text if
// sqlfluff cannot run or did not read them all.
QStringList unparsable(const QList<Statement>& statements, QString* error)
{
    QTemporaryDir dir;
    QHash<QString, int> indexOfFile;
    for (qsizetype i = 0; i < statements.size(); ++i) {
        const QString path = dir.filePath(QStringLiteral("statement%1.sql").arg(i, 4, 10, QLatin1Char('0')));
        QFile file(path);
        // A MERGE carries its own terminator (T-SQL requires one there); the others get one.
        const QString& text = statements.at(i).text;
        const QByteArray terminated = text.toUtf8() + (text.endsWith(QLatin1Char(';')) ? "\n" : ";\n");
        if (!file.open(QIODevice::WriteOnly) || file.write(terminated) < 0) {
            *error = file.errorString();
            return {};
        }
        indexOfFile.insert(path, int(i));
    }
    const QString config = dir.filePath(QStringLiteral("sqlfluff.cfg"));
    QFile configFile(config);
    if (!configFile.open(QIODevice::WriteOnly) ||
        configFile.write("[sqlfluff]\ndialect = tsql\nlarge_file_skip_byte_limit = 0\n") < 0) {
        *error = configFile.errorString();
        return {};
    }
    configFile.close();
    QProcess sqlfluff;
    sqlfluff.start(QStringLiteral("sqlfluff"),
                   {QStringLiteral("parse"), QStringLiteral("--config"), config, QStringLiteral("--format"),
                    QStringLiteral("json"), dir.path()});
    if (!sqlfluff.waitForStarted(30'000)) {
        *error = QStringLiteral("sqlfluff does not run (%1): install it with apt-get install sqlfluff "
                                "(scripts/install-deps.sh does)")
                     .arg(sqlfluff.errorString());
        return {};
    }
    if (!sqlfluff.waitForFinished(240'000)) {
        *error = QStringLiteral("sqlfluff did not finish within four minutes");
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument result = QJsonDocument::fromJson(sqlfluff.readAllStandardOutput(), &parseError);
    if (!result.isArray()) {
        *error = QStringLiteral("sqlfluff did not answer with JSON (%1): %2")
                     .arg(parseError.errorString(), QString::fromUtf8(sqlfluff.readAllStandardError()).right(2000));
        return {};
    }
    QStringList failures;
    QSet<int> read;
    for (const QJsonValue& entry : result.array()) {
        const QJsonObject file = entry.toObject();
        const int index = indexOfFile.value(file.value(u"filepath").toString(), -1);
        if (index < 0)
            continue;
        read.insert(index);
        const QByteArray tree = QJsonDocument(file.value(u"segments").toObject()).toJson(QJsonDocument::Compact);
        const Statement& statement = statements.at(index);
        if (tree.contains("\"unparsable\"") && !kBeyondSqlfluff.contains(statement.text))
            failures
                << QStringLiteral("%1: not T-SQL as sqlfluff reads it:\n    %2").arg(statement.origin, statement.text);
    }
    if (read.size() != statements.size())
        *error = QStringLiteral("sqlfluff read %1 of %2 statements").arg(read.size()).arg(statements.size());
    return failures;
}

} // namespace

class TestTsql : public QObject
{
    Q_OBJECT

private slots:
    void everyStatementParsesAsTsql()
    {
        const QList<Statement> statements = everyStatement();
        QVERIFY(statements.size() > 80);
        QVERIFY2(std::count_if(statements.cbegin(), statements.cend(),
                               [](const Statement& s) { return s.origin.startsWith(QLatin1String("roles.sql")); }) >=
                     20,
                 "resources/sql/sqlserver/roles.sql is missing or was not split into its statements");
        QString error;
        const QStringList failures = unparsable(statements, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1String("\n\n"))));
        qInfo("%d T-SQL statements parsed by sqlfluff", int(statements.size()));
    }

    // The checker itself can fail: a broken statement among good ones is found and named.
    void brokenStatementIsReported()
    {
        QString error;
        const QStringList failures =
            unparsable({{QStringLiteral("good"), QStringLiteral("SELECT 1 AS one")},
                        {QStringLiteral("broken"), QStringLiteral("SELEC id FROM taskdeck.tasks WHERE")},
                        {QStringLiteral("also good"), QStringLiteral("SELECT 2 AS two")}},
                       &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(failures.size(), 1);
        QVERIFY2(failures.first().startsWith(QLatin1String("broken:")), qPrintable(failures.first()));
    }

    void claimKeepsPriorityAndSkipsLockedRows()
    {
        const SqlServerDialect dialect;
        const QString claim = dialect.claimSql(ClaimShape{1, 1, 0, false});
        // ORDER BY inside the TOP CTE (UPDATE TOP alone ignores order), and the UPDATE goes through the CTE.
        const qsizetype top = claim.indexOf(QLatin1String("WITH c AS (SELECT TOP (:limit)"));
        const qsizetype order = claim.indexOf(QLatin1String("ORDER BY t.priority DESC, t.run_at, t.id)"));
        const qsizetype update = claim.indexOf(QLatin1String("UPDATE c SET state = 'running'"));
        QVERIFY(top >= 0);
        QVERIFY(order > top);
        QVERIFY(update > order);
        QVERIFY(claim.contains(QLatin1String("WITH (ROWLOCK, READPAST, UPDLOCK)")));
        QVERIFY(claim.contains(QLatin1String("OUTPUT inserted.id INTO @claimed (id)")));
        QVERIFY(claim.contains(QLatin1String("t.queue IN (:queue0)")));
        QVERIFY(claim.contains(QLatin1String("q.paused = 1")));
        // The claimed rows come back as the store reads them: times as epoch milliseconds.
        QVERIFY(claim.contains(QLatin1String("DATEDIFF_BIG(millisecond")));
    }

    void completionsAreFenced()
    {
        const SqlServerDialect dialect;
        const QString fence = QStringLiteral("WHERE id = :id AND locked_by = :worker AND attempts = :attempt"
                                             " AND state = 'running'");
        for (Sql statement : {Sql::FinishSucceeded, Sql::FinishFailed, Sql::FinishCancelled, Sql::RescueLease,
                              Sql::UpdateProgress, Sql::ReleaseTask, Sql::DeleteSucceededFenced})
            QVERIFY2(dialect.sql(statement).contains(fence), qPrintable(dialect.sql(statement)));
    }

    void nothingFromOtherDialects()
    {
        static const QRegularExpression foreign(QStringLiteral("\\b(LIMIT|RETURNING|TRUE|FALSE|ON CONFLICT|SKIP LOCKED|"
                                                               "NOT cancel_requested|WHERE enabled AND)\\b"));
        for (const Statement& statement : everyStatement())
            QVERIFY2(!statement.text.contains(foreign),
                     qPrintable(statement.origin + QLatin1String(": ") + statement.text));
    }

    void keysUseBinaryCollationAndProceduresNoCount()
    {
        const SqlServerDialect dialect;
        for (const Migration& migration : dialect.migrations()) {
            for (const QString& statement : migration.statements) {
                // A trigger's own row count must not reach the client either (it would stand for the statement's).
                if (statement.startsWith(QLatin1String("CREATE PROCEDURE")) ||
                    statement.startsWith(QLatin1String("CREATE TRIGGER")))
                    QVERIFY2(statement.contains(QLatin1String("AS BEGIN SET NOCOUNT ON;")), qPrintable(statement));
                if (statement.startsWith(QLatin1String("CREATE TABLE taskdeck.task_counts")))
                    QVERIFY2(statement.contains(QLatin1String("queue nvarchar(128) COLLATE Latin1_General_100_BIN2")),
                             qPrintable(statement));
                if (statement.startsWith(QLatin1String("CREATE TABLE taskdeck.tasks"))) {
                    for (const char* column : {"queue nvarchar(128) COLLATE Latin1_General_100_BIN2",
                                               "handler nvarchar(200) COLLATE Latin1_General_100_BIN2",
                                               "unique_key nvarchar(255) COLLATE Latin1_General_100_BIN2"})
                        QVERIFY2(statement.contains(QLatin1String(column)), column);
                }
            }
        }
        // The new id is the batch's first result: NOCOUNT until the final SELECT, OUTPUT … INTO, never bare OUTPUT.
        const QString insert = dialect.sql(Sql::InsertTask);
        QVERIFY(insert.startsWith(QLatin1String("SET NOCOUNT ON;")));
        QVERIFY(insert.contains(QLatin1String("OUTPUT inserted.id INTO @inserted (id)")));
        QVERIFY(insert.contains(QLatin1String("SET NOCOUNT OFF; SELECT i.id FROM @inserted AS i")));
        QVERIFY(insert.contains(QLatin1String("WITH (UPDLOCK, HOLDLOCK)")));
    }
};

QTEST_GUILESS_MAIN(TestTsql)
#include "tst_tsql.moc"
