#include "executor/SqlHandler.h"

#include "common/TextRules.h"
#include "db/DatabaseConnection.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>

namespace taskdeck {

namespace {

// One connection per pool thread and database, closed when the thread ends.
DatabaseConnection* threadConnection(const Locator& locator, QString* error)
{
    thread_local QHash<QString, std::shared_ptr<DatabaseConnection>> connections;
    const QString key = locator.redacted();
    if (auto it = connections.find(key); it != connections.end() && (*it)->database().isOpen())
        return it->get();
    auto opened = DatabaseConnection::open(locator);
    if (!opened) {
        *error = opened.error().message;
        return nullptr;
    }
    std::shared_ptr<DatabaseConnection> connection(std::move(*opened));
    connections.insert(key, connection);
    return connection.get();
}

} // namespace

SqlHandler::SqlHandler(Locator locator, QString statement)
    : m_locator(std::move(locator))
    , m_statement(std::move(statement))
{ }

QString SqlHandler::kind() const
{
    return QStringLiteral("sql");
}

HandlerOutcome SqlHandler::run(HandlerContext& context) const
{
    QString error;
    DatabaseConnection* connection = threadConnection(m_locator, &error);
    if (!connection)
        return HandlerOutcome::failure(error);
    QSqlQuery query(connection->database());
    if (!query.prepare(m_statement))
        return HandlerOutcome::failure(
            tr("cannot prepare the handler's statement: %1 — check it in the worker configuration")
                .arg(query.lastError().text()),
            false);
    const Dialect& dialect = connection->dialect();
    query.bindValue(QStringLiteral(":payload"), dialect.values().textValue(context.payload));
    query.bindValue(QStringLiteral(":task_id"), static_cast<qlonglong>(context.taskId));
    query.bindValue(QStringLiteral(":attempt"), context.attempt);
    if (!query.exec())
        return HandlerOutcome::failure(tr("the handler's statement failed: %1").arg(query.lastError().text()));
    QString result;
    if (query.isSelect() && query.next())
        result = sanitizeResultJson(dialect.values().readText(query.value(0)));
    query.finish();
    return HandlerOutcome::success(result);
}

} // namespace taskdeck
