#pragma once

#include "store/StoreSession.h"

#include <QSqlQuery>

#include <memory>

namespace taskdeck {

// One use of a statement the session keeps prepared: bound by name (texts and times the way the dialect's driver
// wants them), run with the session's error mapping, its rows read by the column names core/db gives each statement,
// and finished when it goes out of scope, so that the kept statement never holds a cursor.
//
//   Statement select(m_session, Sql::SelectWorkers);
//   if (auto s = select.run(tr("read workers")); !s)
//       return s.error();
//   while (select.next())
//       worker.host = select.text(WorkerColumn::Host);
class Statement
{
public:
    Statement(StoreSession& session, Sql statement, int idSlots = 0);
    Statement(StoreSession& session, const QString& sqlTemplate, int idSlots = 0);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(const QString& placeholder, const QVariant& value);
    Statement& bind(const QString& placeholder, qint64 value);
    Statement& bind(const QString& placeholder, int value);
    Statement& bindText(const QString& placeholder, const QString& text);
    // An empty text as NULL.
    Statement& bindTextOrNull(const QString& placeholder, const QString& text);
    // An invalid time as NULL.
    Statement& bindTime(const QString& placeholder, const QDateTime& utc);
    Statement& bindIds(const QList<qint64>& ids, int slotCount);

    // Fails with what could not be prepared or run: "cannot <what> on <database>: <driver's words>".
    Status run(const QString& what, StoreSession::OnFailure onFailure = StoreSession::OnFailure::DoomTransaction);

    bool next();
    // Done with the rows before the function is: closes the cursor now (the destructor does it otherwise).
    void finish();
    qint64 rowsAffected() const;
    // The current row, by column.
    bool isNull(int column) const;
    QVariant value(int column) const;
    qint64 integer(int column) const;
    int number(int column) const;
    std::optional<int> optionalNumber(int column) const;
    std::optional<qint64> optionalInteger(int column) const;
    QString text(int column) const;
    QDateTime time(int column) const;
    bool flag(int column) const;

    // The statement itself, for what the helpers above do not cover (binding a batch, reading a whole row). Where it
    // could not be prepared, a statement that binds nothing and never runs: run() reports why.
    QSqlQuery& query() const { return *m_query; }

private:
    void prepared(Result<QSqlQuery*> query);

    StoreSession& m_session;
    QSqlQuery* m_query = nullptr;
    std::unique_ptr<QSqlQuery> m_unprepared;
    std::optional<Error> m_prepareError;
};

} // namespace taskdeck
