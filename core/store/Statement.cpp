#include "store/Statement.h"

#include "store/StoreSupport.h"

namespace taskdeck {

Statement::Statement(StoreSession& session, Sql statement, int idSlots)
    : m_session(session)
{
    prepared(m_session.prepare(statement, idSlots));
}

Statement::Statement(StoreSession& session, const QString& sqlTemplate, int idSlots)
    : m_session(session)
{
    prepared(m_session.prepare(sqlTemplate, idSlots));
}

void Statement::prepared(Result<QSqlQuery*> query)
{
    if (query) {
        m_query = *query;
        return;
    }
    m_prepareError = query.error();
    m_unprepared = std::make_unique<QSqlQuery>(QSqlDatabase());
    m_query = m_unprepared.get();
}

Statement::~Statement()
{
    finish();
}

void Statement::finish()
{
    // Only a SELECT (or a statement that returns rows) holds a cursor; finishing any other would cost a reset for
    // nothing.
    if (!m_prepareError && m_query->isActive() && m_query->isSelect())
        m_query->finish();
}

Statement& Statement::bind(const QString& placeholder, const QVariant& value)
{
    m_query->bindValue(placeholder, value);
    return *this;
}

Statement& Statement::bind(const QString& placeholder, qint64 value)
{
    return bind(placeholder, QVariant(static_cast<qlonglong>(value)));
}

Statement& Statement::bind(const QString& placeholder, int value)
{
    return bind(placeholder, QVariant(value));
}

Statement& Statement::bindText(const QString& placeholder, const QString& text)
{
    return bind(placeholder, m_session.dialect().values().textValue(text));
}

Statement& Statement::bindTextOrNull(const QString& placeholder, const QString& text)
{
    return bind(placeholder, m_session.dialect().values().textOrNull(text));
}

Statement& Statement::bindTime(const QString& placeholder, const QDateTime& utc)
{
    return bind(placeholder, m_session.dialect().values().timeValue(utc));
}

Statement& Statement::bindIds(const QList<qint64>& ids, int slotCount)
{
    bindIdSlots(*m_query, ids, slotCount);
    return *this;
}

Status Statement::run(const QString& what, StoreSession::OnFailure onFailure)
{
    if (m_prepareError)
        return *m_prepareError;
    return m_session.exec(*m_query, what, onFailure);
}

bool Statement::next()
{
    return !m_prepareError && m_query->next();
}

qint64 Statement::rowsAffected() const
{
    return m_prepareError ? 0 : m_query->numRowsAffected();
}

bool Statement::isNull(int column) const
{
    return m_query->isNull(column);
}

QVariant Statement::value(int column) const
{
    return m_query->value(column);
}

qint64 Statement::integer(int column) const
{
    return m_query->value(column).toLongLong();
}

int Statement::number(int column) const
{
    return m_query->value(column).toInt();
}

std::optional<int> Statement::optionalNumber(int column) const
{
    const QVariant v = m_query->value(column);
    return v.isNull() ? std::nullopt : std::optional<int>(v.toInt());
}

std::optional<qint64> Statement::optionalInteger(int column) const
{
    const QVariant v = m_query->value(column);
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

QString Statement::text(int column) const
{
    return m_session.dialect().values().readText(m_query->value(column));
}

QDateTime Statement::time(int column) const
{
    return m_session.dialect().values().readTime(m_query->value(column));
}

bool Statement::flag(int column) const
{
    return m_session.dialect().values().readBool(m_query->value(column));
}

} // namespace taskdeck
