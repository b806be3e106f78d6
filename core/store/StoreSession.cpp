#include "store/StoreSession.h"

#include "common/TextRules.h"
#include "db/SqlThreadGuard.h"
#include "store/LocalWakeups.h"
#include "store/Statement.h"
#include "store/StoreSupport.h"
#include "store/WriteScope.h"

#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSqlError>

namespace taskdeck {

StoreSession::StoreSession(std::unique_ptr<DatabaseConnection> connection, StoreOptions options)
    : m_connection(std::move(connection))
    , m_options(std::move(options))
{
    if (m_options.actor.isEmpty())
        m_options.actor = defaultActor();
}

StoreSession::~StoreSession()
{
    if (m_transactionDepth > 0)
        m_connection->database().rollback();
    forgetAllStatements();
}

Result<QSqlQuery*> StoreSession::prepare(const QString& sqlTemplate, int idSlots)
{
    const QString sql = dialect().expandTokens(sqlTemplate, idSlots, bool(m_options.clock));
    if (auto it = m_statements.find(sql); it != m_statements.end())
        return it->second.get();
    auto query = std::make_unique<QSqlQuery>(m_connection->database());
    query->setForwardOnly(true);
    if (!query->prepare(sql)) {
        if (dialect().isPermissionDenied(query->lastError()))
            return permissionDenied(tr("prepare a statement"), query->lastError().text());
        return makeError(ErrorCode::Database,
                         tr("cannot prepare a statement on %1: %2 — is the schema damaged? (%3)")
                             .arg(locator().redacted(), query->lastError().text(), sql.left(120)));
    }
    QSqlQuery* raw = query.get();
    m_statements.emplace(sql, std::move(query));
    return raw;
}

Result<QSqlQuery*> StoreSession::prepare(Sql statement, int idSlots)
{
    // A statement's text depends only on the dialect and, for lists of ids, on their number.
    if (idSlots == 0) {
        if (auto known = m_statementsBySql.find(statement); known != m_statementsBySql.end())
            return known->second;
    }
    auto prepared = prepare(dialect().sql(statement), idSlots);
    if (prepared && idSlots == 0)
        m_statementsBySql.emplace(statement, *prepared);
    return prepared;
}

void StoreSession::forgetStatement(const QSqlQuery* query)
{
    for (auto it = m_statementsBySql.begin(); it != m_statementsBySql.end(); ++it) {
        if (it->second == query) {
            m_statementsBySql.erase(it);
            break;
        }
    }
    for (auto it = m_statements.begin(); it != m_statements.end(); ++it) {
        if (it->second.get() == query) {
            m_statements.erase(it);
            return;
        }
    }
}

void StoreSession::forgetAllStatements()
{
    m_statementsBySql.clear();
    m_statements.clear();
}

Status StoreSession::exec(QSqlQuery& query, const QString& what, OnFailure onFailure)
{
    SqlThreadGuard::noteDatabaseWork("statement");
    if (m_options.clock)
        query.bindValue(QStringLiteral(":now"), dialect().values().timeValue(m_options.clock->nowUtc()));
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        if (m_transactionDepth > 0 && onFailure == OnFailure::DoomTransaction)
            m_rollbackOnly = true;
        if (dialect().isPermissionDenied(error))
            return permissionDenied(what, error.text());
        return makeError(ErrorCode::Database, tr("cannot %1 on %2: %3").arg(what, locator().redacted(), error.text()));
    }
    return {};
}

QString StoreSession::accountName() const
{
    return locator().userName().isEmpty() ? tr("this account") : locator().userName();
}

Error StoreSession::permissionDenied(const QString& what, const QString& driverText) const
{
    const QString account = accountName();
    return makeError(ErrorCode::PermissionDenied,
                     tr("%1 does not allow %2 to %3 (%4) — the account needs a TaskDeck role that allows it: "
                        "taskdeck_operator changes tasks, queues and schedules, taskdeck_worker runs tasks "
                        "(roles.sql in share/taskdeck/sql)")
                         .arg(locator().redacted(), account, what, driverText));
}

QString StoreSession::probeWriteAccess()
{
    if (m_readOnly)
        return {};
    auto probe = prepare(Sql::ProbeTaskWrite);
    if (!probe) {
        // Databases that check privileges when a statement is prepared (MariaDB) refuse it here.
        return probe.error().code == ErrorCode::PermissionDenied
            ? tr("%1 may not change tasks in %2").arg(accountName(), locator().redacted())
            : QString();
    }
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s.error().code == ErrorCode::PermissionDenied ? s.error().message : QString();
    SqlThreadGuard::noteDatabaseWork("statement");
    const bool allowed = (*probe)->exec();
    const QSqlError error = (*probe)->lastError();
    (*probe)->finish();
    // Nothing was changed; the scope rolls back (the transaction only gives SQLite a write lock to refuse).
    if (allowed || !dialect().isPermissionDenied(error))
        return {};
    return tr("%1 may not change tasks in %2").arg(accountName(), locator().redacted());
}

Status StoreSession::checkWritable() const
{
    if (m_readOnly)
        return makeError(ErrorCode::Unsupported,
                         tr("%1 is open read-only: its schema version %2 is newer than this TaskDeck understands "
                            "(%3) — upgrade TaskDeck to change anything")
                             .arg(locator().redacted())
                             .arg(m_schema.databaseVersion)
                             .arg(m_schema.binaryVersion));
    return {};
}

Status StoreSession::beginWrite()
{
    if (m_transactionDepth == 0) {
        SqlThreadGuard::noteDatabaseWork("transaction");
        if (auto status = checkWritable(); !status)
            return status;
        if (m_statements.size() > 300)
            forgetAllStatements(); // many list shapes were used: start over rather than grow without bound
        if (auto status = dialect().beginWriteTransaction(m_connection->database()); !status)
            return status;
        m_rollbackOnly = false;
    }
    ++m_transactionDepth;
    return {};
}

Status StoreSession::commitWrite()
{
    Q_ASSERT(m_transactionDepth > 0);
    if (--m_transactionDepth > 0)
        return {};
    if (m_rollbackOnly) {
        m_connection->database().rollback();
        m_rollbackOnly = false;
        m_wakeLocalWorkers = false;
        return makeError(ErrorCode::Database, tr("the transaction was rolled back because a statement in it failed"));
    }
    if (!m_connection->database().commit()) {
        const QString text = m_connection->database().lastError().text();
        m_connection->database().rollback();
        m_wakeLocalWorkers = false;
        return makeError(
            ErrorCode::Database,
            tr("cannot commit on %1: %2 — nothing of this change was saved").arg(locator().redacted(), text));
    }
    if (std::exchange(m_wakeLocalWorkers, false))
        LocalWakeups::instance().announce(locator().redacted());
    return {};
}

void StoreSession::rollbackWrite()
{
    Q_ASSERT(m_transactionDepth > 0);
    if (--m_transactionDepth > 0) {
        m_rollbackOnly = true; // an inner failure dooms the caller's transaction
        return;
    }
    m_connection->database().rollback();
    m_rollbackOnly = false;
    m_wakeLocalWorkers = false;
}

Status StoreSession::transaction(const std::function<Status()>& body)
{
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    if (auto s = body(); !s)
        return s; // the scope rolls back
    return scope.commit();
}

Status StoreSession::insertOperatorAction(const QString& action, qint64 count, const QString& detail)
{
    Statement insert(*this, Sql::InsertOperatorAction);
    insert.bindText(QStringLiteral(":actor"), m_options.actor);
    insert.bindText(QStringLiteral(":action"), action);
    insert.bind(QStringLiteral(":task_count"), static_cast<qlonglong>(count));
    insert.bindText(QStringLiteral(":detail"), sanitizeHandlerText(detail, 2000));
    return insert.run(tr("record the operator action"));
}

Result<std::optional<qint64>> StoreSession::taskIdByUniqueKey(const QString& uniqueKey)
{
    Statement byKey(*this, Sql::SelectTaskIdByUniqueKey);
    byKey.bindText(QStringLiteral(":unique_key"), uniqueKey);
    if (auto s = byKey.run(tr("look up unique key '%1'").arg(uniqueKey)); !s)
        return s.error();
    std::optional<qint64> id;
    if (byKey.next())
        id = byKey.integer(0);
    byKey.finish();
    return id;
}

Result<QDateTime> StoreSession::databaseTime()
{
    Statement select(*this, Sql::SelectDatabaseTime);
    if (auto s = select.run(tr("read the database clock")); !s)
        return s.error();
    if (!select.next()) {
        select.finish();
        return makeError(ErrorCode::Database, tr("the database returned no time"));
    }
    const QDateTime now = select.time(0);
    select.finish();
    return now;
}

int StoreSession::binaryVersionFor(const Dialect& dialect)
{
    const auto migrations = dialect.migrations();
    return migrations.isEmpty() ? 0 : migrations.last().version;
}

Result<SchemaInfo> StoreSession::readSchemaInfo()
{
    SchemaInfo info;
    info.binaryVersion = binaryVersionFor(dialect());
    Statement exists(*this, Sql::SchemaTableExists);
    if (auto s = exists.run(tr("look for the TaskDeck schema")); !s)
        return s.error();
    const bool hasTable = exists.next();
    exists.finish();
    if (!hasTable)
        return info;
    Statement version(*this, Sql::SelectSchemaVersion);
    if (auto s = version.run(tr("read the schema version")); !s)
        return s.error();
    if (version.next()) {
        info.databaseVersion = version.number(0);
        info.oldestCompatible = version.number(1);
    }
    version.finish();
    return info;
}

Status StoreSession::ensureSchema(SchemaMode mode)
{
    auto info = readSchemaInfo();
    if (!info)
        return info.error();
    m_schema = *info;
    const QString where = locator().redacted();
    if (m_schema.databaseVersion > m_schema.binaryVersion) {
        if (m_schema.oldestCompatible <= m_schema.binaryVersion)
            return {}; // a newer schema that still accepts this build
        if (mode == SchemaMode::ReadOnlyIfTooNew) {
            m_readOnly = true;
            return {};
        }
        return makeError(ErrorCode::SchemaTooNew,
                         tr("the database %1 has schema version %2, which needs TaskDeck built for schema %3 or "
                            "newer; this TaskDeck knows schema %4 — upgrade TaskDeck")
                             .arg(where)
                             .arg(m_schema.databaseVersion)
                             .arg(m_schema.oldestCompatible)
                             .arg(m_schema.binaryVersion));
    }
    if (m_schema.databaseVersion == m_schema.binaryVersion)
        return {};
    if (mode != SchemaMode::CreateOrUpgrade) {
        if (m_schema.databaseVersion == 0)
            return makeError(
                ErrorCode::SchemaMissing,
                tr("the database %1 has no TaskDeck schema — create it with: taskdeckctl --db %1 init").arg(where));
        return makeError(ErrorCode::SchemaOutdated,
                         tr("the database %1 has schema version %2 and this TaskDeck needs %3 — upgrade it with: "
                            "taskdeckctl --db %1 init")
                             .arg(where)
                             .arg(m_schema.databaseVersion)
                             .arg(m_schema.binaryVersion));
    }
    if (auto status = migrate(); !status)
        return status;
    auto after = readSchemaInfo();
    if (!after)
        return after.error();
    m_schema = *after;
    return {};
}

Status StoreSession::migrate()
{
    for (const Migration& migration : dialect().migrations()) {
        WriteScope scope(*this);
        if (auto s = scope.begin(); !s)
            return s;
        if (auto s = dialect().lockForMigration(m_connection->database()); !s)
            return s;
        const auto unlock = qScopeGuard([this] { dialect().unlockAfterMigration(m_connection->database()); });
        // Read again inside the transaction: another process may have migrated meanwhile.
        auto current = readSchemaInfo();
        if (!current)
            return current.error();
        if (current->databaseVersion >= migration.version)
            continue;
        for (const QString& statement : migration.statements) {
            QSqlQuery query(m_connection->database());
            if (!query.exec(statement))
                return makeError(ErrorCode::Database,
                                 tr("cannot apply schema migration %1 (%2): %3")
                                     .arg(migration.version)
                                     .arg(migration.description, query.lastError().text()));
        }
        Statement insert(*this, Sql::InsertSchemaVersion);
        insert.bind(QStringLiteral(":version"), migration.version);
        insert.bind(QStringLiteral(":oldest_compatible"), migration.oldestCompatible);
        insert.bindText(QStringLiteral(":description"), migration.description);
        if (auto s = insert.run(tr("record schema version %1").arg(migration.version)); !s)
            return s;
        if (auto s = scope.commit(); !s)
            return s;
    }
    return {};
}

} // namespace taskdeck
