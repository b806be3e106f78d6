#pragma once

// What the store's tests share: a fresh database per test (on the backend of TASKDECK_TEST_BACKEND), a store on a
// manual clock with undisturbed jitter, and the helpers that build requests and read plans.

#include "common/TextRules.h"
#include "db/TaskListSql.h"
#include "support/ManualClock.h"
#include "support/TestDatabase.h"

#include <QMap>
#include <QObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace taskdeck::test {

inline EnqueueRequest request(const QString& handler, const QString& queue = QStringLiteral("default"),
                              const QString& payload = QString())
{
    EnqueueRequest r;
    r.handler = handler;
    r.queue = queue;
    r.payload = payload;
    return r;
}

inline Completion completionFor(const ClaimedTask& task, RunOutcome outcome, const QString& message = {})
{
    Completion c = Completion::of(task, outcome, message);
    c.durationMs = 7;
    c.queueLatencyMs = 3;
    return c;
}

// Where the overview's counts (countUnfinishedTasks: kept by triggers) differ from counting every row now, what
// differs; empty when they agree.
inline QString overviewCountsDiffer(TaskStore& store)
{
    auto all = store.countTasks();
    auto unfinished = store.countUnfinishedTasks();
    if (!all || !unfinished)
        return !all ? all.error().message : unfinished.error().message;
    QMap<QPair<QString, QString>, qint64> expected;
    for (const StateCount& c : std::as_const(*all)) {
        if (c.state != DisplayState::Succeeded)
            expected[{c.queue, stateName(c.state)}] += c.count;
    }
    QMap<QPair<QString, QString>, qint64> actual;
    for (const StateCount& c : std::as_const(*unfinished))
        actual[{c.queue, stateName(c.state)}] += c.count;
    // The handlers that waiting tasks name, from the counts (no worker is registered), against the rows.
    auto handlers = store.handlersWithoutWorker();
    if (!handlers)
        return handlers.error().message;
    QSqlQuery rows(store.database());
    if (!rows.exec(QStringLiteral("SELECT DISTINCT handler FROM %1 WHERE state = 'pending'")
                       .arg(store.dialect().tableName(QStringLiteral("tasks")))))
        return rows.lastError().text();
    QStringList waitingHandlers;
    while (rows.next())
        waitingHandlers << store.dialect().values().readText(rows.value(0));
    waitingHandlers.sort();
    if (*handlers != waitingHandlers)
        return QStringLiteral("handlers of waiting tasks: overview %1, rows %2")
            .arg(handlers->join(QLatin1Char(',')), waitingHandlers.join(QLatin1Char(',')));
    if (actual == expected)
        return {};
    QStringList lines;
    for (const auto& key : QSet<QPair<QString, QString>>(expected.keyBegin(), expected.keyEnd()) +
             QSet<QPair<QString, QString>>(actual.keyBegin(), actual.keyEnd())) {
        if (expected.value(key) != actual.value(key))
            lines << QStringLiteral("%1/%2: overview %3, rows %4")
                         .arg(key.first, key.second)
                         .arg(actual.value(key))
                         .arg(expected.value(key));
    }
    return lines.join(QLatin1String("; "));
}

inline qint64 totalCount(TaskStore& store)
{
    auto counts = store.countTasks();
    if (!counts)
        return -1;
    qint64 total = 0;
    for (const StateCount& c : std::as_const(*counts))
        total += c.count;
    return total;
}

class StoreFixture : public QObject
{
protected:
    // Each test gets a fresh database and a store on a manual clock with undisturbed jitter.
    std::unique_ptr<TestDatabase> m_db;
    ManualClock m_clock;
    std::unique_ptr<TaskStore> m_store;

    StoreOptions options() { return manualStoreOptions(&m_clock); }

    ClaimRequest claimAll(const QString& worker = QStringLiteral("w1"), int limit = 100, qint64 leaseMs = 30'000)
    {
        ClaimRequest r;
        r.workerId = worker;
        r.limit = limit;
        r.leaseMs = leaseMs;
        return r;
    }

    // EXPLAIN of one of the dialect's statements, its placeholders replaced by the literals given (longest first).
    QStringList planOf(QString sql, QList<std::pair<QString, QString>> literals)
    {
        const Dialect& d = m_store->dialect();
        sql.replace(QLatin1String("{now}"), d.nowExpression());
        std::sort(literals.begin(), literals.end(),
                  [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
        for (const auto& [name, value] : std::as_const(literals))
            sql.replace(name, value);
        QSqlQuery explain(m_store->database());
        if (!explain.exec(QStringLiteral("EXPLAIN ") + sql))
            return {QStringLiteral("EXPLAIN failed: ") + explain.lastError().text(), sql};
        QStringList plan;
        while (explain.next())
            plan << explain.value(0).toString();
        return plan;
    }

    // count tasks of handler h in queue "work", in one batch.
    Result<QList<EnqueueResult>> enqueueWaiting(int count)
    {
        QList<EnqueueRequest> batch;
        for (int i = 0; i < count; ++i)
            batch << request(QStringLiteral("h"), QStringLiteral("work"));
        return m_store->enqueueBatch(batch);
    }

    // The two fates of a succeeded task's row: kept, or removed at once (retention 0).
    static void addRetentionRows()
    {
        QTest::addColumn<bool>("removeOnSuccess");
        QTest::newRow("kept") << false;
        QTest::newRow("retention 0") << true;
    }

    Status removeSuccessesAtOnceIf(bool removeOnSuccess)
    {
        if (!removeOnSuccess)
            return {};
        RetentionSettings retention;
        retention.succeededMs = 0;
        return m_store->setRetention(retention);
    }

    bool runSql(const QStringList& statements)
    {
        for (const QString& statement : statements) {
            QSqlQuery query(m_store->database());
            if (!query.exec(statement)) {
                qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
                return false;
            }
        }
        return true;
    }

    void initStore()
    {
        m_clock.set(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        TD_VERIFY_OK(openFresh(m_db, m_store, options()));
    }

    void cleanupStore() { closeFresh(m_db, m_store); }
};

} // namespace taskdeck::test
