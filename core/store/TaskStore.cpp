#include "store/TaskStore.h"

#include "common/TextRules.h"
#include "common/Translate.h"
#include "db/SqlThreadGuard.h"
#include "platform/OsAccount.h"
#include "store/LocalWakeups.h"
#include "store/WriteScope.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>
#include <QSqlError>
#include <QSqlRecord>
#include <QSysInfo>

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

namespace taskdeck {

namespace {

constexpr qint64 kHourMs = 3'600'000;

// Kept results written by one statement, at most (at least one task each): 4 Mi characters where they are bound
// one by one, 4 MiB where they travel as one UTF-8 JSON text; under 16 MB however they encode — MariaDB's default
// max_allowed_packet, which one statement must fit in.
constexpr qsizetype kMaxResultSizePerStatement = 4 * 1024 * 1024;

// Statistics rows: per minute with shard 0…7 (spread over workers so that they do not queue on one row), and per
// hour with shard -1…-8, both written by the same statement (Sql::UpsertStats); schema migration 4 (SQLite) / 5
// (servers) gave the per-minute rows that existed before their hourly rows.
int hourShard(int minuteShard)
{
    return -1 - minuteShard;
}

const QVariant kNullInt = QVariant(QMetaType::fromType<qlonglong>());

// How long a claim trusts that no queue has a concurrency limit without reading the queues again (TaskStore::claim).
constexpr qint64 kLimitsRecheckMs = 1'000;

QVariant intOrNull(const std::optional<int>& value)
{
    return value ? QVariant(static_cast<qlonglong>(*value)) : kNullInt;
}

// A JSON string literal of text (RFC 8259: quote, backslash and control characters escaped; the rest as UTF-8).
void appendJsonString(QByteArray& out, const QString& text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            out += "\\u00";
            out += kHex[byte >> 4];
            out += kHex[byte & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
}

void appendJsonNumberOrNull(QByteArray& out, const std::optional<qint64>& value)
{
    if (value)
        out += QByteArray::number(*value);
    else
        out += "null";
}

// Tasks [from, to) of a batch as insertTasksFromJsonSql()'s :tasks.
void bindTasksJson(QSqlQuery& query, const Dialect& dialect, const QList<EnqueueRequest>& requests, qsizetype from,
                   qsizetype to)
{
    QByteArray json;
    json += '[';
    for (qsizetype i = from; i < to; ++i) {
        const EnqueueRequest& request = requests.at(i);
        if (i > from)
            json += ',';
        json += "{\"o\":";
        json += QByteArray::number(i - from);
        json += ",\"q\":";
        appendJsonString(json, request.queue);
        json += ",\"h\":";
        appendJsonString(json, request.handler);
        json += ",\"p\":";
        appendJsonString(json, request.payload);
        json += ",\"pr\":";
        json += QByteArray::number(request.priority);
        json += ",\"r\":";
        appendJsonNumberOrNull(
            json, request.runAt ? std::optional<qint64>(request.runAt->toMSecsSinceEpoch()) : std::nullopt);
        json += ",\"d\":";
        json += QByteArray::number(request.delayMs.value_or(0));
        json += ",\"m\":";
        appendJsonNumberOrNull(json, request.maxAttempts);
        json += ",\"k\":";
        if (request.uniqueKey.isEmpty())
            json += "null";
        else
            appendJsonString(json, request.uniqueKey);
        json += ",\"t\":";
        appendJsonNumberOrNull(json, request.timeoutS);
        json += '}';
    }
    json += ']';
    query.bindValue(QStringLiteral(":tasks"), dialect.textValue(QString::fromUtf8(json)));
}

// Tasks [from, to) of a batch as insertTasksFromArraysSql()'s arrays, one per field.
void bindTaskArrays(QSqlQuery& query, const Dialect& dialect, const QList<EnqueueRequest>& requests, qsizetype from,
                    qsizetype to)
{
    const auto numberOrNull = [](const auto& value) { return value ? QString::number(*value) : QString(); };
    QStringList queues, handlers, payloads, priorities, runAts, delays, maxAttempts, uniqueKeys, timeouts;
    for (QStringList* list :
         {&queues, &handlers, &payloads, &priorities, &runAts, &delays, &maxAttempts, &uniqueKeys, &timeouts})
        list->reserve(to - from);
    for (qsizetype i = from; i < to; ++i) {
        const EnqueueRequest& request = requests.at(i);
        queues << request.queue;
        handlers << request.handler;
        payloads << request.payload;
        priorities << QString::number(request.priority);
        runAts << (request.runAt ? QString::number(request.runAt->toMSecsSinceEpoch()) : QString());
        delays << QString::number(request.delayMs.value_or(0));
        maxAttempts << numberOrNull(request.maxAttempts);
        uniqueKeys << (request.uniqueKey.isEmpty() ? QString() : request.uniqueKey);
        timeouts << numberOrNull(request.timeoutS);
    }
    query.bindValue(QStringLiteral(":q"), dialect.arrayParameter(queues));
    query.bindValue(QStringLiteral(":h"), dialect.arrayParameter(handlers));
    query.bindValue(QStringLiteral(":p"), dialect.arrayParameter(payloads));
    query.bindValue(QStringLiteral(":pr"), dialect.arrayParameter(priorities));
    query.bindValue(QStringLiteral(":r"), dialect.arrayParameter(runAts));
    query.bindValue(QStringLiteral(":d"), dialect.arrayParameter(delays));
    query.bindValue(QStringLiteral(":m"), dialect.arrayParameter(maxAttempts));
    query.bindValue(QStringLiteral(":k"), dialect.arrayParameter(uniqueKeys));
    query.bindValue(QStringLiteral(":t"), dialect.arrayParameter(timeouts));
}

// IN lists are padded to one of these sizes (repeating the last id), so that a handful of prepared statements
// serve every batch and the statement cache stays small.
int idSlotsFor(qsizetype count)
{
    for (int slotCount : {1, 10, 100, TaskStore::kBatchSize}) {
        if (count <= slotCount)
            return slotCount;
    }
    return TaskStore::kBatchSize;
}

// The audit's "who": the account the operating system runs this process as, never an environment variable.
QString defaultActor()
{
    QString user = currentOsAccount();
    if (user.isEmpty())
        user = QStringLiteral("uid-unknown");
    return user + QLatin1Char('@') + QSysInfo::machineHostName();
}

QString describeIds(const QList<qint64>& ids)
{
    if (ids.size() <= 20) {
        QStringList parts;
        for (qint64 id : ids)
            parts << QString::number(id);
        return QLatin1String("ids ") + parts.join(QLatin1String(", "));
    }
    const auto [low, high] = std::minmax_element(ids.cbegin(), ids.cend());
    return QStringLiteral("%1 ids from %2 to %3").arg(ids.size()).arg(*low).arg(*high);
}

Status validateEnqueue(const EnqueueRequest& request, int index)
{
    auto withIndex = [index](const Error& error) {
        return index < 0 ? error
                         : makeError(error.code, tr("task %1 of the batch: %2").arg(index + 1).arg(error.message));
    };
    if (auto s = validateName(tr("handler"), request.handler, TextLimits::kHandlerName); !s)
        return withIndex(s.error());
    if (auto s = validateName(tr("queue"), request.queue, TextLimits::kQueueName); !s)
        return withIndex(s.error());
    if (!request.uniqueKey.isEmpty()) {
        if (auto s = validateUniqueKey(request.uniqueKey); !s)
            return withIndex(s.error());
    }
    if (request.delayMs && request.runAt)
        return withIndex(makeError(ErrorCode::InvalidArgument, tr("give either a delay or a run time, not both")));
    if (request.delayMs && *request.delayMs < 0)
        return withIndex(makeError(ErrorCode::InvalidArgument, tr("the delay must not be negative")));
    if (request.runAt && !request.runAt->isValid())
        return withIndex(makeError(ErrorCode::InvalidArgument, tr("the run time is not a valid date and time")));
    if (request.maxAttempts && (*request.maxAttempts < 1 || *request.maxAttempts > 1000))
        return withIndex(makeError(ErrorCode::InvalidArgument, tr("max attempts must be between 1 and 1000")));
    if (request.timeoutS && (*request.timeoutS < 1 || *request.timeoutS > 7 * 86400))
        return withIndex(makeError(ErrorCode::InvalidArgument, tr("the timeout must be between 1 second and 7 days")));
    if (request.priority < -1'000'000 || request.priority > 1'000'000)
        return withIndex(
            makeError(ErrorCode::InvalidArgument, tr("the priority must be between -1000000 and 1000000")));
    return {};
}

Status validateFilter(const TaskFilter& filter)
{
    for (const QString& queue : filter.queues) {
        if (auto s = validateName(tr("queue"), queue, TextLimits::kQueueName); !s)
            return s;
    }
    for (const QString& handler : filter.handlers) {
        if (auto s = validateName(tr("handler"), handler, TextLimits::kHandlerName); !s)
            return s;
    }
    return validateSearchText(filter.search);
}

} // namespace

Result<std::unique_ptr<TaskStore>> TaskStore::open(const Locator& locator, StoreOptions options, SchemaMode mode)
{
    auto connection = DatabaseConnection::open(
        locator,
        mode == SchemaMode::CreateOrUpgrade ? DatabaseConnection::Create::IfMissing : DatabaseConnection::Create::No);
    if (!connection)
        return connection.error();
    std::unique_ptr<TaskStore> store(new TaskStore(std::move(*connection), std::move(options)));
    if (auto status = store->ensureSchema(mode); !status)
        return status.error();
    return store;
}

TaskStore::TaskStore(std::unique_ptr<DatabaseConnection> connection, StoreOptions options)
    : m_connection(std::move(connection))
    , m_options(std::move(options))
{
    if (m_options.actor.isEmpty())
        m_options.actor = defaultActor();
}

TaskStore::~TaskStore()
{
    if (m_transactionDepth > 0)
        m_connection->database().rollback();
    forgetAllStatements();
}

const Locator& TaskStore::locator() const
{
    return m_connection->locator();
}

const Dialect& TaskStore::dialect() const
{
    return m_connection->dialect();
}

QSqlDatabase TaskStore::database() const
{
    return m_connection->database();
}

int TaskStore::binaryVersionFor(const Dialect& dialect)
{
    const auto migrations = dialect.migrations();
    return migrations.isEmpty() ? 0 : migrations.last().version;
}

// ---------------------------------------------------------------------------------------------------------------
// Schema

Result<SchemaInfo> TaskStore::readSchemaInfo()
{
    SchemaInfo info;
    info.binaryVersion = binaryVersionFor(dialect());
    auto exists = prepare(Sql::SchemaTableExists);
    if (!exists)
        return exists.error();
    if (auto s = exec(**exists, tr("look for the TaskDeck schema")); !s)
        return s.error();
    const bool hasTable = (*exists)->next();
    (*exists)->finish();
    if (!hasTable)
        return info;
    auto version = prepare(Sql::SelectSchemaVersion);
    if (!version)
        return version.error();
    if (auto s = exec(**version, tr("read the schema version")); !s)
        return s.error();
    if ((*version)->next()) {
        info.databaseVersion = (*version)->value(0).toInt();
        info.oldestCompatible = (*version)->value(1).toInt();
    }
    (*version)->finish();
    return info;
}

Status TaskStore::ensureSchema(SchemaMode mode)
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

Status TaskStore::migrate()
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
        auto insert = prepare(Sql::InsertSchemaVersion);
        if (!insert)
            return insert.error();
        (*insert)->bindValue(QStringLiteral(":version"), migration.version);
        (*insert)->bindValue(QStringLiteral(":oldest_compatible"), migration.oldestCompatible);
        (*insert)->bindValue(QStringLiteral(":description"), dialect().textValue(migration.description));
        if (auto s = exec(**insert, tr("record schema version %1").arg(migration.version)); !s)
            return s;
        if (auto s = scope.commit(); !s)
            return s;
    }
    return {};
}

// ---------------------------------------------------------------------------------------------------------------
// Statements and transactions

Result<QSqlQuery*> TaskStore::prepare(const QString& sqlTemplate, int idSlots)
{
    QString sql = sqlTemplate;
    if (idSlots > 0)
        sql.replace(QLatin1String("{ids}"), Dialect::placeholderList(QStringLiteral("id"), idSlots));
    sql.replace(QLatin1String("{now}"),
                m_options.clock ? dialect().timeParameter(QStringLiteral(":now")) : dialect().nowExpression());
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

void TaskStore::forgetStatement(const QSqlQuery* query)
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

void TaskStore::forgetAllStatements()
{
    m_statementsBySql.clear();
    m_statements.clear();
}

Result<QSqlQuery*> TaskStore::prepare(Sql statement, int idSlots)
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

Status TaskStore::exec(QSqlQuery& query, const QString& what, OnFailure onFailure)
{
    SqlThreadGuard::noteDatabaseWork("statement");
    if (m_options.clock)
        query.bindValue(QStringLiteral(":now"), dialect().timeValue(m_options.clock->nowUtc()));
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

QString TaskStore::accountName() const
{
    return locator().userName().isEmpty() ? tr("this account") : locator().userName();
}

Error TaskStore::permissionDenied(const QString& what, const QString& driverText) const
{
    const QString account = accountName();
    return makeError(ErrorCode::PermissionDenied,
                     tr("%1 does not allow %2 to %3 (%4) — the account needs a TaskDeck role that allows it: "
                        "taskdeck_operator changes tasks, queues and schedules, taskdeck_worker runs tasks "
                        "(roles.sql in share/taskdeck/sql)")
                         .arg(locator().redacted(), account, what, driverText));
}

QString TaskStore::probeWriteAccess()
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

void TaskStore::bindIds(QSqlQuery& query, const QList<qint64>& ids, int slotCount)
{
    for (int i = 0; i < slotCount; ++i) {
        const qint64 id = ids.at(std::min<qsizetype>(i, ids.size() - 1));
        query.bindValue(QLatin1String(":id") + QString::number(i), static_cast<qlonglong>(id));
    }
}

Status TaskStore::checkWritable() const
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

Status TaskStore::beginWrite()
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

Status TaskStore::commitWrite()
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

void TaskStore::rollbackWrite()
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

Status TaskStore::transaction(const std::function<Status()>& body)
{
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    if (auto s = body(); !s)
        return s; // the scope rolls back
    return scope.commit();
}

QVariant TaskStore::timeOrNull(const QDateTime& time) const
{
    return dialect().timeValue(time.isValid() ? time.toUTC() : QDateTime());
}

QVariant TaskStore::textOrNull(const QString& text) const
{
    return text.isEmpty() ? dialect().textValue(QString()) : dialect().textValue(text);
}

double TaskStore::nextRandom() const
{
    return m_options.random ? m_options.random() : QRandomGenerator::global()->generateDouble();
}

Status TaskStore::insertOperatorAction(const QString& action, qint64 count, const QString& detail)
{
    auto insert = prepare(Sql::InsertOperatorAction);
    if (!insert)
        return insert.error();
    QSqlQuery& q = **insert;
    q.bindValue(QStringLiteral(":actor"), dialect().textValue(m_options.actor));
    q.bindValue(QStringLiteral(":action"), dialect().textValue(action));
    q.bindValue(QStringLiteral(":task_count"), static_cast<qlonglong>(count));
    q.bindValue(QStringLiteral(":detail"), dialect().textValue(sanitizeHandlerText(detail, 2000)));
    return exec(q, tr("record the operator action"));
}

Result<QHash<QString, RetryPolicy>> TaskStore::queuePolicies()
{
    auto select = prepare(Sql::SelectQueuePolicies);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = exec(q, tr("read queue settings")); !s)
        return s.error();
    QHash<QString, RetryPolicy> policies;
    while (q.next()) {
        RetryPolicy policy = m_options.retryPolicy;
        if (!q.value(1).isNull())
            policy.maxAttempts = q.value(1).toInt();
        if (!q.value(2).isNull())
            policy.baseDelayMs = q.value(2).toLongLong();
        if (!q.value(3).isNull())
            policy.maxDelayMs = q.value(3).toLongLong();
        policies.insert(dialect().readText(q.value(0)), policy);
    }
    q.finish();
    return policies;
}

RetryPolicy TaskStore::policyFor(const QHash<QString, RetryPolicy>& policies, const QString& queue) const
{
    return policies.value(queue, m_options.retryPolicy);
}

Result<std::optional<qint64>> TaskStore::taskIdByUniqueKey(const QString& uniqueKey)
{
    auto byKey = prepare(Sql::SelectTaskIdByUniqueKey);
    if (!byKey)
        return byKey.error();
    QSqlQuery& k = **byKey;
    k.bindValue(QStringLiteral(":unique_key"), dialect().textValue(uniqueKey));
    if (auto s = exec(k, tr("look up unique key '%1'").arg(uniqueKey)); !s)
        return s.error();
    std::optional<qint64> id;
    if (k.next())
        id = k.value(0).toLongLong();
    k.finish();
    return id;
}

// ---------------------------------------------------------------------------------------------------------------
// Enqueue

Result<EnqueueResult> TaskStore::enqueue(const EnqueueRequest& request)
{
    auto results = enqueueBatch({request});
    if (!results)
        return results.error();
    return results->first();
}

Result<QList<EnqueueResult>> TaskStore::enqueueBatch(const QList<EnqueueRequest>& requests)
{
    QList<EnqueueRequest> normalized;
    normalized.reserve(requests.size());
    for (qsizetype i = 0; i < requests.size(); ++i) {
        if (auto s = validateEnqueue(requests.at(i), requests.size() > 1 ? int(i) : -1); !s)
            return s.error();
        auto payload = normalizePayload(requests.at(i).payload);
        if (!payload) {
            if (requests.size() == 1)
                return payload.error();
            return makeError(payload.error().code,
                             tr("task %1 of the batch: %2").arg(i + 1).arg(payload.error().message));
        }
        EnqueueRequest copy = requests.at(i);
        copy.payload = *payload;
        normalized << copy;
    }

    // One task outside the caller's transaction: where the insert is one statement that also wakes the workers,
    // it is the whole write and runs on its own (one round trip instead of four).
    const bool lone = normalized.size() == 1 && m_transactionDepth == 0 && dialect().loneInsertMayAutocommit();
    WriteScope scope(*this);
    if (auto s = lone ? checkWritable() : scope.begin(); !s)
        return s.error();
    QList<EnqueueResult> results;
    bool workersWoken = false;
    if (normalized.size() > 1 && !dialect().insertTaskRowsSql(1, false).isEmpty()) {
        auto inserted = insertTaskRows(normalized);
        if (!inserted)
            return inserted.error();
        results = std::move(*inserted);
    } else if (normalized.size() > 1 &&
               !(dialect().insertTasksFromArraysSql(false).isEmpty() &&
                 dialect().insertTasksFromJsonSql(false).isEmpty())) {
        auto inserted = insertTasksInStatements(normalized);
        if (!inserted)
            return inserted.error();
        results = std::move(*inserted);
    } else {
        results.resize(normalized.size());
        if (auto s = insertTasksOneByOne(normalized, 0, normalized.size(), results); !s)
            return s.error();
        workersWoken = dialect().insertTaskNotifiesWorkers();
    }
    // Delivered when the transaction commits: listening workers claim at once instead of at their next poll.
    if (const QString notify = dialect().sql(Sql::NotifyTasks); !notify.isEmpty() && !workersWoken) {
        auto n = prepare(notify);
        if (!n)
            return n.error();
        if (auto s = exec(**n, tr("notify workers")); !s)
            return s.error();
        (*n)->finish();
    }
    if (lone) {
        LocalWakeups::instance().announce(locator().redacted());
        return results;
    }
    m_wakeLocalWorkers = true; // this process's workers, at the outermost commit
    if (auto s = scope.commit(); !s)
        return s.error();
    return results;
}

Status TaskStore::insertTasksOneByOne(const QList<EnqueueRequest>& requests, qsizetype from, qsizetype to,
                                      QList<EnqueueResult>& results)
{
    auto insert = prepare(Sql::InsertTask);
    if (!insert)
        return insert.error();
    for (qsizetype i = from; i < to; ++i) {
        auto inserted = insertTask(**insert, requests.at(i));
        if (!inserted)
            return inserted.error();
        results[i] = *inserted;
    }
    return {};
}

Result<EnqueueResult> TaskStore::insertTask(QSqlQuery& q, const EnqueueRequest& request)
{
    q.bindValue(QStringLiteral(":queue"), dialect().textValue(request.queue));
    q.bindValue(QStringLiteral(":handler"), dialect().textValue(request.handler));
    q.bindValue(QStringLiteral(":payload"), dialect().textValue(request.payload));
    q.bindValue(QStringLiteral(":priority"), request.priority);
    q.bindValue(QStringLiteral(":run_at"), request.runAt ? timeOrNull(*request.runAt) : timeOrNull({}));
    q.bindValue(QStringLiteral(":delay_ms"), static_cast<qlonglong>(request.delayMs.value_or(0)));
    q.bindValue(QStringLiteral(":max_attempts"), intOrNull(request.maxAttempts));
    q.bindValue(QStringLiteral(":default_max_attempts"), m_options.retryPolicy.maxAttempts);
    q.bindValue(QStringLiteral(":unique_key"), textOrNull(request.uniqueKey));
    q.bindValue(QStringLiteral(":timeout_s"), intOrNull(request.timeoutS));
    const bool raceCanBeAnswered = !request.uniqueKey.isEmpty() && dialect().failedStatementKeepsTransaction();
    if (auto s = exec(q, tr("enqueue a task for handler '%1'").arg(request.handler),
                      raceCanBeAnswered ? OnFailure::KeepTransaction : OnFailure::DoomTransaction);
        !s) {
        // Another transaction took the unique key between our check and our insert: its task is the answer.
        if (!raceCanBeAnswered)
            return s.error();
        auto holder = taskIdByUniqueKey(request.uniqueKey);
        if (!holder || !holder->has_value()) {
            m_rollbackOnly = m_transactionDepth > 0;
            return s.error();
        }
        return EnqueueResult{**holder, false};
    }
    EnqueueResult result;
    bool inserted = false;
    if (dialect().insertReturnsId()) {
        inserted = q.next();
        if (inserted)
            result.id = q.value(0).toLongLong();
        q.finish();
    } else if (q.numRowsAffected() == 1) {
        inserted = true;
        auto lastId = prepare(Sql::SelectLastInsertId);
        if (!lastId)
            return lastId.error();
        if (auto s = exec(**lastId, tr("read the new task's id")); !s)
            return s.error();
        if (!(*lastId)->next())
            return makeError(ErrorCode::Database, tr("the database did not return the new task's id"));
        result.id = (*lastId)->value(0).toLongLong();
        (*lastId)->finish();
    }
    if (!inserted) {
        // Nothing inserted: the unique key is taken. Return the holder's id.
        auto holder = taskIdByUniqueKey(request.uniqueKey);
        if (!holder)
            return holder.error();
        if (!holder->has_value())
            return makeError(ErrorCode::Database,
                             tr("the task was not inserted and no task holds unique key "
                                "'%1': the database returned no id")
                                 .arg(request.uniqueKey));
        result.id = **holder;
        result.created = false;
    }
    return result;
}

Result<QList<EnqueueResult>> TaskStore::insertTasksInStatements(const QList<EnqueueRequest>& requests)
{
    // Statements of at most 1000 tasks or about 4 MB of parameter text (JSON or arrays), whichever comes first:
    // large enough that the round trip vanishes per task, small enough for any server's packet limit.
    constexpr qsizetype kMaxTasksPerStatement = 1000;
    constexpr qsizetype kMaxTextBytes = 4 * 1024 * 1024;

    QList<EnqueueResult> results(requests.size(), EnqueueResult{0, false});
    qsizetype start = 0;
    while (start < requests.size()) {
        // The chunk first (its size, and whether a task of it has a unique key), then its statement.
        bool anyUniqueKey = false;
        qsizetype textBytes = 0;
        qsizetype end = start;
        for (; end < requests.size() && end - start < kMaxTasksPerStatement && textBytes < kMaxTextBytes; ++end) {
            const EnqueueRequest& request = requests.at(end);
            anyUniqueKey = anyUniqueKey || !request.uniqueKey.isEmpty();
            textBytes += 100 +
                3 *
                    (request.queue.size() + request.handler.size() + request.payload.size() +
                     request.uniqueKey.size()); // an estimate: a character is at most 3 bytes of UTF-8
        }
        const QString arraysSql = dialect().insertTasksFromArraysSql(anyUniqueKey);
        const QString sql = arraysSql.isEmpty() ? dialect().insertTasksFromJsonSql(anyUniqueKey) : arraysSql;
        if (sql.isEmpty()) { // no multi-row statement for tasks with unique keys here
            if (auto s = insertTasksOneByOne(requests, start, end, results); !s)
                return s.error();
            start = end;
            continue;
        }
        auto insert = prepare(sql);
        if (!insert)
            return insert.error();
        QSqlQuery& q = **insert;
        if (!arraysSql.isEmpty())
            bindTaskArrays(q, dialect(), requests, start, end);
        else
            bindTasksJson(q, dialect(), requests, start, end);
        q.bindValue(QStringLiteral(":default_max_attempts"), m_options.retryPolicy.maxAttempts);
        if (auto s = exec(q, tr("enqueue a batch of %1 tasks").arg(end - start)); !s)
            return s.error();
        // Either (index in the batch, id) per task inserted, or the ids alone, numbered in the batch's order.
        const bool idsAlone = q.record().count() == 1;
        qint64 returned = 0;
        while (q.next()) {
            const qint64 index = idsAlone ? returned : q.value(0).toLongLong();
            if (index < 0 || index >= end - start)
                return makeError(
                    ErrorCode::Database,
                    tr("the database answered the enqueue with a task index out of range (%1)").arg(index));
            results[start + index] = EnqueueResult{q.value(idsAlone ? 0 : 1).toLongLong(), true};
            ++returned;
        }
        q.finish();
        if (idsAlone) {
            if (returned != end - start)
                return makeError(
                    ErrorCode::Database,
                    tr("the database returned %1 ids for a batch of %2 tasks").arg(returned).arg(end - start));
            std::sort(results.begin() + start, results.begin() + end,
                      [](const EnqueueResult& a, const EnqueueResult& b) { return a.id < b.id; });
        }
        start = end;
    }
    if (auto s = answerSkippedTasks(requests, results); !s)
        return s.error();
    return results;
}

Result<QList<EnqueueResult>> TaskStore::insertTaskRows(const QList<EnqueueRequest>& requests)
{
    // Statements of 64, 32, … 1 rows: seven statements to prepare once and keep. Not more rows: SQLite looks each
    // named parameter up in a list while it prepares, so a statement of 512 rows took longer to prepare than to
    // run; 64 rows bound by name measured faster than both 512 and 16 (bench/RESULTS.md).
    constexpr qsizetype kMaxRowsPerStatement = 64;
    constexpr int kParametersPerRow = 10;
    static const QStringList names = [] {
        QStringList list;
        for (qsizetype row = 0; row < kMaxRowsPerStatement; ++row)
            for (const char* field : {":i", ":q", ":h", ":p", ":pr", ":r", ":d", ":m", ":k", ":t"})
                list << QLatin1String(field) + QString::number(row);
        return list;
    }();

    auto floor = prepare(Sql::SelectTaskIdFloor);
    if (!floor)
        return floor.error();
    if (auto s = exec(**floor, tr("read the highest task id")); !s)
        return s.error();
    if (!(*floor)->next())
        return makeError(ErrorCode::Database, tr("the database did not return the highest task id"));
    const qint64 lastId = (*floor)->value(0).toLongLong();
    (*floor)->finish();

    QList<EnqueueResult> results(requests.size(), EnqueueResult{0, false});
    qsizetype start = 0;
    while (start < requests.size()) {
        qsizetype rows = kMaxRowsPerStatement;
        while (rows > requests.size() - start)
            rows /= 2;
        const auto first = requests.cbegin() + start;
        const bool anyUniqueKey =
            std::any_of(first, first + rows, [](const EnqueueRequest& r) { return !r.uniqueKey.isEmpty(); });
        auto insert = prepare(dialect().insertTaskRowsSql(int(rows), anyUniqueKey));
        if (!insert)
            return insert.error();
        QSqlQuery& q = **insert;
        const qint64 firstId = lastId + 1 + start; // one writer at a time: these ids are free
        for (qsizetype row = 0; row < rows; ++row) {
            const EnqueueRequest& request = requests.at(start + row);
            qsizetype p = row * kParametersPerRow;
            q.bindValue(names.at(p++), firstId + row);
            q.bindValue(names.at(p++), dialect().textValue(request.queue));
            q.bindValue(names.at(p++), dialect().textValue(request.handler));
            q.bindValue(names.at(p++), dialect().textValue(request.payload));
            q.bindValue(names.at(p++), request.priority);
            q.bindValue(names.at(p++), request.runAt ? timeOrNull(*request.runAt) : timeOrNull({}));
            q.bindValue(names.at(p++), static_cast<qlonglong>(request.delayMs.value_or(0)));
            q.bindValue(names.at(p++), intOrNull(request.maxAttempts));
            q.bindValue(names.at(p++), textOrNull(request.uniqueKey));
            q.bindValue(names.at(p++), intOrNull(request.timeoutS));
        }
        q.bindValue(QStringLiteral(":default_max_attempts"), m_options.retryPolicy.maxAttempts);
        if (auto s = exec(q, tr("enqueue a batch of %1 tasks").arg(rows)); !s)
            return s.error();
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            if (id < firstId || id >= firstId + rows)
                return makeError(ErrorCode::Database,
                                 tr("the database answered the enqueue with a task id out of range (%1)").arg(id));
            results[start + (id - firstId)] = EnqueueResult{id, true};
        }
        q.finish();
        start += rows;
    }
    if (auto s = answerSkippedTasks(requests, results); !s)
        return s.error();
    return results;
}

Status TaskStore::answerSkippedTasks(const QList<EnqueueRequest>& requests, QList<EnqueueResult>& results)
{
    // A task not inserted has a unique key that is taken (by an earlier task, possibly of this batch).
    for (qsizetype i = 0; i < requests.size(); ++i) {
        if (results.at(i).id != 0)
            continue;
        const QString& key = requests.at(i).uniqueKey;
        std::optional<qint64> holderId;
        if (!key.isEmpty()) {
            auto holder = taskIdByUniqueKey(key);
            if (!holder)
                return holder.error();
            holderId = *holder;
        }
        if (!holderId)
            return makeError(ErrorCode::Database,
                             tr("task %1 of the batch was not inserted and no task holds unique key '%2': the "
                                "database returned no id")
                                 .arg(i + 1)
                                 .arg(key));
        results[i].id = *holderId;
    }
    return {};
}

// ---------------------------------------------------------------------------------------------------------------
// Claim, complete, leases

Result<QList<ClaimedTask>> TaskStore::claim(const ClaimRequest& request)
{
    if (auto s = validateName(tr("worker id"), request.workerId, TextLimits::kHandlerName); !s)
        return s.error();
    if (request.limit < 1 || request.limit > 1000)
        return makeError(ErrorCode::InvalidArgument, tr("a claim takes between 1 and 1000 tasks"));
    if (request.leaseMs < 100)
        return makeError(ErrorCode::InvalidArgument, tr("a lease must last at least 100ms"));
    for (const QString& queue : request.queues) {
        if (auto s = validateName(tr("queue"), queue, TextLimits::kQueueName); !s)
            return s.error();
    }
    for (const QString& handler : request.handlers) {
        if (auto s = validateName(tr("handler"), handler, TextLimits::kHandlerName); !s)
            return s.error();
    }

    // While no queue has a concurrency limit, a claim that is one statement runs on its own: one round trip instead
    // of four (begin, read the limits, claim, commit), on the path from an enqueue to its start. The statement skips
    // every queue that has a limit as it reads them, so a limit set since the queues were last read is never
    // exceeded: that queue's tasks wait at most kLimitsRecheckMs, for the next claim that reads the limits.
    const qint64 nowMs = QDeadlineTimer::current().deadline();
    if (!m_limitedQueuesSeen && nowMs - m_limitsReadAtMs < kLimitsRecheckMs && m_transactionDepth == 0 &&
        request.taskId == 0 && dialect().loneClaimMayAutocommit()) {
        if (auto s = checkWritable(); !s)
            return s.error();
        auto rows = claimRows(request, request.queues, {}, request.limit, true);
        if (!rows)
            return rows.error();
        return sortedInClaimOrder(std::move(*rows));
    }

    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s.error();
    // Queues with a concurrency limit: their rows stay locked until this claim commits, so concurrent claims
    // count each other's running tasks and never exceed the limit together.
    auto lock = prepare(Sql::LockLimitedQueues);
    if (!lock)
        return lock.error();
    if (auto s = exec(**lock, tr("read queue limits")); !s)
        return s.error();
    QList<QPair<QString, int>> limits;
    while ((*lock)->next())
        limits.append({dialect().readText((*lock)->value(0)), (*lock)->value(1).toInt()});
    (*lock)->finish();
    m_limitedQueuesSeen = !limits.isEmpty();
    m_limitsReadAtMs = nowMs;

    QList<ClaimedTask> claimed;
    if (limits.isEmpty()) {
        auto rows = claimRows(request, request.queues, {}, request.limit);
        if (!rows)
            return rows.error();
        claimed = std::move(*rows);
    } else {
        auto count = prepare(Sql::CountRunningByQueue);
        if (!count)
            return count.error();
        if (auto s = exec(**count, tr("count running tasks")); !s)
            return s.error();
        QHash<QString, int> running;
        while ((*count)->next())
            running.insert(dialect().readText((*count)->value(0)), (*count)->value(1).toInt());
        (*count)->finish();
        int remaining = request.limit;
        QStringList limitedNames;
        for (const auto& [queue, limit] : std::as_const(limits)) {
            limitedNames << queue;
            if (!request.queues.isEmpty() && !request.queues.contains(queue))
                continue;
            const int allowance = std::min(remaining, limit - running.value(queue));
            if (allowance <= 0)
                continue;
            auto rows = claimRows(request, {queue}, {}, allowance);
            if (!rows)
                return rows.error();
            remaining -= int(rows->size());
            claimed += *rows;
        }
        QStringList others = request.queues;
        for (const QString& name : std::as_const(limitedNames))
            others.removeAll(name);
        if (remaining > 0 && (request.queues.isEmpty() || !others.isEmpty())) {
            auto rows = claimRows(request, others, request.queues.isEmpty() ? limitedNames : QStringList(), remaining);
            if (!rows)
                return rows.error();
            claimed += *rows;
        }
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    return sortedInClaimOrder(std::move(claimed));
}

QList<ClaimedTask> TaskStore::sortedInClaimOrder(QList<ClaimedTask> claimed)
{
    std::sort(claimed.begin(), claimed.end(), [](const ClaimedTask& a, const ClaimedTask& b) {
        if (a.priority != b.priority)
            return a.priority > b.priority;
        if (a.runAt != b.runAt)
            return a.runAt < b.runAt;
        return a.id < b.id;
    });
    return claimed;
}

Result<ClaimedTask> TaskStore::claimTaskNow(const QString& workerId, qint64 taskId, qint64 leaseMs)
{
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s.error();
    auto current = task(taskId);
    if (!current)
        return current.error();
    if (!current->has_value())
        return makeError(ErrorCode::NotFound, tr("task %1 does not exist (any more): it was deleted").arg(taskId));
    const Task& found = (*current)->task;
    switch (found.state) {
    case TaskState::Running:
        return makeError(ErrorCode::InvalidArgument,
                         tr("task %1 is already running on %2").arg(taskId).arg(found.lockedBy));
    case TaskState::Succeeded:
        return makeError(ErrorCode::InvalidArgument,
                         tr("task %1 has already succeeded; enqueue a new task to run it again").arg(taskId));
    case TaskState::Failed:
    case TaskState::Cancelled: {
        auto retry = prepare(Sql::RetryTasks, 1);
        if (!retry)
            return retry.error();
        bindIds(**retry, {taskId}, 1);
        (*retry)->bindValue(QStringLiteral(":default_max_attempts"), m_options.retryPolicy.maxAttempts);
        if (auto s = exec(**retry, tr("make task %1 runnable").arg(taskId)); !s)
            return s.error();
        break;
    }
    case TaskState::Pending: {
        auto runnable = prepare(Sql::MakeRunnableNow);
        if (!runnable)
            return runnable.error();
        (*runnable)->bindValue(QStringLiteral(":id"), static_cast<qlonglong>(taskId));
        if (auto s = exec(**runnable, tr("make task %1 runnable").arg(taskId)); !s)
            return s.error();
        break;
    }
    }
    ClaimRequest request{workerId, {}, {}, 1, leaseMs};
    request.taskId = taskId;
    auto claimed = claim(request);
    if (!claimed)
        return claimed.error();
    if (claimed->isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         tr("task %1 cannot run now: its queue '%2' is paused or at its concurrency limit")
                             .arg(taskId)
                             .arg(found.queue));
    if (auto s = insertOperatorAction(QStringLiteral("run now"), 1, tr("id %1 on %2").arg(taskId).arg(workerId)); !s)
        return s.error();
    if (auto s = scope.commit(); !s)
        return s.error();
    return claimed->constFirst();
}

Result<QList<ClaimedTask>> TaskStore::claimRows(const ClaimRequest& request, const QStringList& queues,
                                                const QStringList& excludedQueues, int limit, bool skipLimitedQueues)
{
    const ClaimShape shape{int(queues.size()), int(request.handlers.size()), int(excludedQueues.size()),
                           request.taskId != 0, skipLimitedQueues};
    auto bindFilters = [&](QSqlQuery& q) {
        q.bindValue(QStringLiteral(":limit"), limit);
        if (request.taskId != 0)
            q.bindValue(QStringLiteral(":task_id"), static_cast<qlonglong>(request.taskId));
        for (qsizetype i = 0; i < queues.size(); ++i)
            q.bindValue(QLatin1String(":queue") + QString::number(i), dialect().textValue(queues.at(i)));
        for (qsizetype i = 0; i < excludedQueues.size(); ++i)
            q.bindValue(QLatin1String(":xqueue") + QString::number(i), dialect().textValue(excludedQueues.at(i)));
        for (qsizetype i = 0; i < request.handlers.size(); ++i)
            q.bindValue(QLatin1String(":handler") + QString::number(i), dialect().textValue(request.handlers.at(i)));
    };
    QList<ClaimedTask> claimed;
    const QString singleStatement = dialect().claimSql(shape);
    if (!singleStatement.isEmpty()) {
        auto claim = prepare(singleStatement);
        if (!claim)
            return claim.error();
        QSqlQuery& q = **claim;
        q.bindValue(QStringLiteral(":worker"), dialect().textValue(request.workerId));
        q.bindValue(QStringLiteral(":lease_ms"), static_cast<qlonglong>(request.leaseMs));
        bindFilters(q);
        if (auto s = exec(q, tr("claim tasks")); !s)
            return s.error();
        auto rows = readClaimedRows(q);
        if (!rows)
            return rows.error();
        claimed = std::move(*rows);
    } else {
        // Lock the next ready rows (skipping those other workers hold), mark them, then read them back.
        auto lock = prepare(dialect().claimLockSql(shape));
        if (!lock)
            return lock.error();
        bindFilters(**lock);
        if (auto s = exec(**lock, tr("claim tasks")); !s)
            return s.error();
        QList<qint64> ids;
        while ((*lock)->next())
            ids << (*lock)->value(0).toLongLong();
        (*lock)->finish();
        if (!ids.isEmpty()) {
            const int slotCount = idSlotsFor(ids.size());
            auto mark = prepare(Sql::ClaimByIds, slotCount);
            if (!mark)
                return mark.error();
            bindIds(**mark, ids, slotCount);
            (*mark)->bindValue(QStringLiteral(":worker"), dialect().textValue(request.workerId));
            (*mark)->bindValue(QStringLiteral(":lease_ms"), static_cast<qlonglong>(request.leaseMs));
            if (auto s = exec(**mark, tr("claim tasks")); !s)
                return s.error();
            auto read = prepare(Sql::SelectClaimedByIds, slotCount);
            if (!read)
                return read.error();
            bindIds(**read, ids, slotCount);
            if (auto s = exec(**read, tr("read claimed tasks")); !s)
                return s.error();
            auto rows = readClaimedRows(**read);
            if (!rows)
                return rows.error();
            claimed = std::move(*rows);
        }
    }
    return claimed;
}

Result<QList<ClaimedTask>> TaskStore::readClaimedRows(QSqlQuery& q)
{
    QList<ClaimedTask> claimed;
    while (q.next()) {
        ClaimedTask task;
        task.id = q.value(0).toLongLong();
        task.queue = dialect().readText(q.value(1));
        task.handler = dialect().readText(q.value(2));
        task.payload = dialect().readText(q.value(3));
        task.priority = q.value(4).toInt();
        task.attempt = q.value(5).toInt();
        task.maxAttempts = q.value(6).toInt();
        if (!q.value(7).isNull())
            task.timeoutS = q.value(7).toInt();
        task.runAt = dialect().readTime(q.value(8));
        task.startedAt = dialect().readTime(q.value(9));
        task.lockedUntil = dialect().readTime(q.value(10));
        task.createdAt = dialect().readTime(q.value(11));
        claimed << task;
    }
    q.finish();
    return claimed;
}

Status TaskStore::finishSucceededByPairs(const QString& workerId, const QList<const Completion*>& successes,
                                         bool remove, QSet<qint64>& applied)
{
    // Statements of 8, 64 or 512 tasks, a smaller batch repeating its last task: three statements of each kind to
    // prepare once and keep, whatever the batches' sizes.
    constexpr int kMaxRows = 512;
    static const QStringList names = [] {
        QStringList list;
        for (int row = 0; row < kMaxRows; ++row) {
            for (const char* field : {":i", ":a", ":c", ":r"})
                list << QLatin1String(field) + QString::number(row);
        }
        return list;
    }();
    QStringList results;
    for (qsizetype start = 0; start < successes.size();) {
        // Kept results go in the statement: as many tasks as fit in kMaxResultSizePerStatement, at least one.
        qsizetype count = 0;
        qsizetype resultChars = 0;
        results.clear();
        while (start + count < successes.size() && count < kMaxRows) {
            if (!remove) {
                QString result = sanitizeResultJson(successes.at(start + count)->resultJson);
                resultChars += result.size();
                if (count > 0 && resultChars > kMaxResultSizePerStatement)
                    break;
                results << std::move(result);
            }
            ++count;
        }
        int rows = 8;
        while (rows < count)
            rows *= 8;
        auto bindPairs = [&](QSqlQuery& q, bool withResults) {
            for (int row = 0; row < rows; ++row) {
                const qsizetype index = std::min<qsizetype>(row, count - 1);
                const Completion& c = *successes.at(start + index);
                q.bindValue(names.at(4 * row), static_cast<qlonglong>(c.taskId));
                q.bindValue(names.at(4 * row + 1), c.attempt);
                if (withResults) {
                    q.bindValue(names.at(4 * row + 2), static_cast<qlonglong>(c.taskId));
                    q.bindValue(names.at(4 * row + 3), textOrNull(results.at(index)));
                }
            }
            q.bindValue(QStringLiteral(":worker"), dialect().textValue(workerId));
        };
        // Removed: one DELETE that returns what it removed. Kept: the fenced tasks locked and read, then finished
        // by a second statement, which changes exactly those (nobody else can while they are locked).
        auto first =
            prepare(remove ? dialect().removeSucceededByPairsSql(rows) : dialect().lockSucceededByPairsSql(rows));
        if (!first)
            return first.error();
        bindPairs(**first, false);
        if (auto s = exec(**first, tr("record the outcome of %1 tasks").arg(count)); !s)
            return s.error();
        qsizetype matched = 0;
        while ((*first)->next()) {
            applied.insert((*first)->value(0).toLongLong());
            ++matched;
        }
        (*first)->finish();
        if (!remove && matched > 0) {
            auto finish = prepare(dialect().finishSucceededByPairsSql(rows));
            if (!finish)
                return finish.error();
            bindPairs(**finish, true);
            if (auto s = exec(**finish, tr("record the outcome of %1 tasks").arg(count)); !s)
                return s.error();
            (*finish)->finish();
        }
        start += count;
    }
    return {};
}

Result<CompletionReport> TaskStore::complete(const QString& workerId, const QList<Completion>& completions)
{
    CompletionReport report;
    if (completions.isEmpty())
        return report;
    for (const Completion& c : completions) {
        if (c.outcome == RunOutcome::Lost)
            return makeError(ErrorCode::InvalidArgument, tr("a worker cannot report a run as lost"));
    }
    const bool anyFailure = std::any_of(completions.cbegin(), completions.cend(), [](const Completion& c) {
        return c.outcome == RunOutcome::Failed || c.outcome == RunOutcome::TimedOut;
    });

    const bool anySuccess = std::any_of(completions.cbegin(), completions.cend(),
                                        [](const Completion& c) { return c.outcome == RunOutcome::Succeeded; });
    // Retention 0 (the seed design's "delete the job on success"): the row goes at once; runs and stats remain.
    const bool removeOnSuccess = anySuccess && m_transactionDepth == 0 && removeSucceededAtOnce();

    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s.error();
    QHash<QString, RetryPolicy> policies;
    if (anyFailure) {
        auto loaded = queuePolicies();
        if (!loaded)
            return loaded.error();
        policies = std::move(*loaded);
    }
    auto succeeded = prepare(removeOnSuccess ? Sql::DeleteSucceededFenced : Sql::FinishSucceeded);
    auto failed = prepare(Sql::FinishFailed);
    auto cancelled = prepare(Sql::FinishCancelled);
    auto insertRun = prepare(Sql::InsertRun);
    auto upsertStats = prepare(Sql::UpsertStats);
    for (const auto* prepared : {&succeeded, &failed, &cancelled, &insertRun, &upsertStats}) {
        if (!*prepared)
            return prepared->error();
    }

    struct Totals
    {
        qint64 count = 0;
        qint64 durationMs = 0;
        qint64 latencyMs = 0;
    };
    std::map<std::pair<QString, QString>, Totals> totals;
    auto addToTotals = [&totals](const Completion& c) {
        Totals& t = totals[{c.queue, outcomeName(c.outcome)}];
        ++t.count;
        t.durationMs += c.durationMs;
        t.latencyMs += c.queueLatencyMs;
    };

    // Successes, the common case, in one fenced statement per chunk where the database returns the ids it changed:
    // a round trip per chunk instead of one per task.
    QList<const Completion*> successes;
    for (const Completion& c : completions) {
        if (c.outcome == RunOutcome::Succeeded)
            successes << &c;
    }
    const QString successesSql = dialect().finishSucceededFromJsonSql(removeOnSuccess);
    const bool pairsSuccesses = successesSql.isEmpty() && successes.size() > 1 &&
        !(removeOnSuccess ? dialect().removeSucceededByPairsSql(1) : dialect().lockSucceededByPairsSql(1)).isEmpty();
    const bool bulkSuccesses = successes.size() > 1 && (!successesSql.isEmpty() || pairsSuccesses);
    QSet<qint64> appliedInBulk;
    if (pairsSuccesses) {
        if (auto s = finishSucceededByPairs(workerId, successes, removeOnSuccess, appliedInBulk); !s)
            return s.error();
    } else if (bulkSuccesses) {
        // Chunks of at most kBatchSize tasks or kMaxResultSizePerStatement bytes of JSON, whichever comes first.
        auto many = prepare(successesSql);
        if (!many)
            return many.error();
        QSqlQuery& q = **many;
        QByteArray json;
        for (qsizetype start = 0; start < successes.size();) {
            json.clear();
            json += '[';
            qsizetype end = start;
            for (; end < successes.size() && end - start < kBatchSize && json.size() < kMaxResultSizePerStatement;
                 ++end) {
                const Completion& c = *successes.at(end);
                if (end > start)
                    json += ',';
                json += "{\"i\":";
                json += QByteArray::number(c.taskId);
                json += ",\"a\":";
                json += QByteArray::number(c.attempt);
                const QString result = removeOnSuccess ? QString() : sanitizeResultJson(c.resultJson);
                if (!result.isEmpty()) {
                    json += ",\"r\":";
                    appendJsonString(json, result);
                }
                json += '}';
            }
            json += ']';
            q.bindValue(QStringLiteral(":rows"), dialect().textValue(QString::fromUtf8(json)));
            q.bindValue(QStringLiteral(":worker"), dialect().textValue(workerId));
            if (auto s = exec(q, tr("record the outcome of %1 tasks").arg(end - start)); !s)
                return s.error();
            while (q.next())
                appliedInBulk.insert(q.value(0).toLongLong());
            q.finish();
            start = end;
        }
    }

    // Runs are written after the outcomes: where round trips cost, a few multi-row INSERTs instead of one per task.
    struct RunRow
    {
        const Completion* completion;
        QString message;
    };
    QList<RunRow> runRows;

    for (const Completion& c : completions) {
        QSqlQuery* q = nullptr;
        const QString message = sanitizeHandlerText(c.message);
        if (c.outcome == RunOutcome::Succeeded && bulkSuccesses) {
            if (!appliedInBulk.contains(c.taskId)) {
                report.fenced << c.taskId;
                continue;
            }
            report.applied << c.taskId;
            if (m_options.recordSuccessfulRuns)
                runRows << RunRow{&c, message};
            addToTotals(c);
            continue;
        }
        switch (c.outcome) {
        case RunOutcome::Succeeded:
            q = *succeeded;
            if (!removeOnSuccess)
                q->bindValue(QStringLiteral(":result"), textOrNull(sanitizeResultJson(c.resultJson)));
            break;
        case RunOutcome::Failed:
        case RunOutcome::TimedOut: {
            q = *failed;
            const qint64 delay = c.retryDelayMs.value_or(policyFor(policies, c.queue).delayMs(c.attempt, nextRandom()));
            q->bindValue(QStringLiteral(":retryable"), c.retryable ? 1 : 0);
            q->bindValue(QStringLiteral(":delay_ms"), static_cast<qlonglong>(std::max<qint64>(0, delay)));
            q->bindValue(QStringLiteral(":message"), textOrNull(message));
            q->bindValue(QStringLiteral(":result"), textOrNull(sanitizeResultJson(c.resultJson)));
            break;
        }
        case RunOutcome::Cancelled:
            q = *cancelled;
            q->bindValue(QStringLiteral(":message"), textOrNull(message));
            break;
        case RunOutcome::Lost:
            break;
        }
        q->bindValue(QStringLiteral(":id"), static_cast<qlonglong>(c.taskId));
        q->bindValue(QStringLiteral(":worker"), dialect().textValue(workerId));
        q->bindValue(QStringLiteral(":attempt"), c.attempt);
        if (auto s = exec(*q, tr("record the outcome of task %1").arg(c.taskId)); !s)
            return s.error();
        if (q->numRowsAffected() != 1) {
            report.fenced << c.taskId;
            continue;
        }
        report.applied << c.taskId;
        if (c.outcome != RunOutcome::Succeeded || m_options.recordSuccessfulRuns)
            runRows << RunRow{&c, message};
        addToTotals(c);
    }

    // Chunks of 100, 10 and 1 rows: three statement shapes cover any count with few round trips.
    const bool combine = dialect().statementsCostRoundTrips();
    for (qsizetype offset = 0; offset < runRows.size();) {
        const qsizetype left = runRows.size() - offset;
        const int rows = !combine ? 1 : left >= 100 ? 100 : left >= 10 ? 10 : 1;
        auto insertRuns = rows == 1 ? insertRun : prepare(dialect().insertRunsSql(rows));
        if (!insertRuns)
            return insertRuns.error();
        QSqlQuery& run = **insertRuns;
        for (int i = 0; i < rows; ++i) {
            const RunRow& row = runRows.at(offset + i);
            const Completion& c = *row.completion;
            const QString n = rows == 1 ? QString() : QString::number(i);
            run.bindValue(QLatin1String(":task_id") + n, static_cast<qlonglong>(c.taskId));
            run.bindValue(QLatin1String(":attempt") + n, c.attempt);
            run.bindValue(QLatin1String(":started_at") + n, timeOrNull(c.startedAt));
            run.bindValue(QLatin1String(":outcome") + n, dialect().textValue(outcomeName(c.outcome)));
            run.bindValue(QLatin1String(":message") + n, textOrNull(row.message));
            run.bindValue(QLatin1String(":duration_ms") + n, static_cast<qlonglong>(c.durationMs));
        }
        run.bindValue(QStringLiteral(":worker"), dialect().textValue(workerId));
        if (auto s = exec(run,
                          rows == 1 ? tr("record the run of task %1").arg(runRows.at(offset).completion->taskId)
                                    : tr("record the runs of %1 tasks").arg(rows));
            !s)
            return s.error();
        offset += rows;
    }

    const int shard = int(qHash(workerId) % 8);
    for (const auto& [key, t] : totals) {
        QSqlQuery& q = **upsertStats;
        q.bindValue(QStringLiteral(":queue"), dialect().textValue(key.first));
        q.bindValue(QStringLiteral(":outcome"), dialect().textValue(key.second));
        q.bindValue(QStringLiteral(":shard"), shard);
        q.bindValue(QStringLiteral(":hour_shard"), hourShard(shard));
        q.bindValue(QStringLiteral(":count"), static_cast<qlonglong>(t.count));
        q.bindValue(QStringLiteral(":duration_ms"), static_cast<qlonglong>(t.durationMs));
        q.bindValue(QStringLiteral(":latency_ms"), static_cast<qlonglong>(t.latencyMs));
        if (auto s = exec(q, tr("update the statistics")); !s)
            return s.error();
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    return report;
}

Result<LeaseReport> TaskStore::extendLeases(const QString& workerId, const QList<qint64>& taskIds, qint64 leaseMs)
{
    LeaseReport report;
    if (taskIds.isEmpty())
        return report;
    if (leaseMs < 100)
        return makeError(ErrorCode::InvalidArgument, tr("a lease must last at least 100ms"));
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s.error();
    QSet<qint64> held;
    for (qsizetype offset = 0; offset < taskIds.size(); offset += kBatchSize) {
        const QList<qint64> chunk = taskIds.mid(offset, kBatchSize);
        const int slotCount = idSlotsFor(chunk.size());
        auto extend = prepare(Sql::ExtendLeases, slotCount);
        if (!extend)
            return extend.error();
        bindIds(**extend, chunk, slotCount);
        (*extend)->bindValue(QStringLiteral(":worker"), dialect().textValue(workerId));
        (*extend)->bindValue(QStringLiteral(":lease_ms"), static_cast<qlonglong>(leaseMs));
        if (auto s = exec(**extend, tr("extend leases")); !s)
            return s.error();
        auto states = prepare(Sql::SelectLeaseStates, slotCount);
        if (!states)
            return states.error();
        QSqlQuery& q = **states;
        bindIds(q, chunk, slotCount);
        q.bindValue(QStringLiteral(":worker"), dialect().textValue(workerId));
        if (auto s = exec(q, tr("read lease states")); !s)
            return s.error();
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            held.insert(id);
            if (dialect().readBool(q.value(1)))
                report.cancelRequested << id;
        }
        q.finish();
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    for (qint64 id : taskIds) {
        if (held.contains(id))
            report.held << id;
        else
            report.lost << id;
    }
    return report;
}

Result<QList<RescuedTask>> TaskStore::rescueExpiredLeases(int limit)
{
    QList<RescuedTask> rescued;
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s.error();
    auto select = prepare(Sql::SelectExpiredLeases);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    q.bindValue(QStringLiteral(":limit"), std::clamp(limit, 1, 1000));
    if (auto s = exec(q, tr("look for expired leases")); !s)
        return s.error();
    struct Expired
    {
        qint64 id;
        QString worker;
        int attempts;
        int maxAttempts;
        bool cancelRequested;
        QString queue;
        QDateTime startedAt;
        QDateTime runAt;
    };
    QList<Expired> expired;
    while (q.next()) {
        expired << Expired{q.value(0).toLongLong(),
                           dialect().readText(q.value(1)),
                           q.value(2).toInt(),
                           q.value(3).toInt(),
                           dialect().readBool(q.value(4)),
                           dialect().readText(q.value(5)),
                           dialect().readTime(q.value(6)),
                           dialect().readTime(q.value(7))};
    }
    q.finish();
    if (expired.isEmpty()) {
        if (auto s = scope.commit(); !s)
            return s.error();
        return rescued;
    }
    auto policies = queuePolicies();
    if (!policies)
        return policies.error();
    auto rescue = prepare(Sql::RescueLease);
    auto insertRun = prepare(Sql::InsertRun);
    auto upsertStats = prepare(Sql::UpsertStats);
    for (const auto* prepared : {&rescue, &insertRun, &upsertStats}) {
        if (!*prepared)
            return prepared->error();
    }
    std::map<QString, qint64> lostPerQueue;
    for (const Expired& e : std::as_const(expired)) {
        const QString message =
            tr("lease expired: worker %1 stopped renewing it (it crashed, hung or lost its connection)").arg(e.worker);
        QSqlQuery& r = **rescue;
        r.bindValue(QStringLiteral(":id"), static_cast<qlonglong>(e.id));
        r.bindValue(QStringLiteral(":worker"), dialect().textValue(e.worker));
        r.bindValue(QStringLiteral(":attempt"), e.attempts);
        r.bindValue(QStringLiteral(":delay_ms"),
                    static_cast<qlonglong>(policyFor(*policies, e.queue).delayMs(e.attempts, nextRandom())));
        r.bindValue(QStringLiteral(":message"), dialect().textValue(message));
        if (auto s = exec(r, tr("rescue task %1").arg(e.id)); !s)
            return s.error();
        if (r.numRowsAffected() != 1)
            continue; // its worker completed or renewed it meanwhile
        RescuedTask task;
        task.id = e.id;
        task.attempt = e.attempts;
        task.previousWorker = e.worker;
        task.newState = e.cancelRequested ? TaskState::Cancelled
            : e.attempts < e.maxAttempts  ? TaskState::Pending
                                          : TaskState::Failed;
        rescued << task;
        QSqlQuery& run = **insertRun;
        run.bindValue(QStringLiteral(":task_id"), static_cast<qlonglong>(e.id));
        run.bindValue(QStringLiteral(":attempt"), e.attempts);
        run.bindValue(QStringLiteral(":worker"), dialect().textValue(e.worker));
        run.bindValue(QStringLiteral(":started_at"), timeOrNull(e.startedAt));
        run.bindValue(QStringLiteral(":outcome"), dialect().textValue(outcomeName(RunOutcome::Lost)));
        run.bindValue(QStringLiteral(":message"), dialect().textValue(message));
        run.bindValue(QStringLiteral(":duration_ms"), kNullInt);
        if (auto s = exec(run, tr("record the lost run of task %1").arg(e.id)); !s)
            return s.error();
        ++lostPerQueue[e.queue];
    }
    for (const auto& [queue, count] : lostPerQueue) {
        QSqlQuery& s = **upsertStats;
        s.bindValue(QStringLiteral(":queue"), dialect().textValue(queue));
        s.bindValue(QStringLiteral(":outcome"), dialect().textValue(outcomeName(RunOutcome::Lost)));
        s.bindValue(QStringLiteral(":shard"), 0);
        s.bindValue(QStringLiteral(":hour_shard"), hourShard(0));
        s.bindValue(QStringLiteral(":count"), static_cast<qlonglong>(count));
        s.bindValue(QStringLiteral(":duration_ms"), 0);
        s.bindValue(QStringLiteral(":latency_ms"), 0);
        if (auto status = exec(s, tr("update the statistics")); !status)
            return status.error();
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    return rescued;
}

// ---------------------------------------------------------------------------------------------------------------
// Operator actions

Result<QList<qint64>> TaskStore::selectTaskIds(const TaskFilter& filter)
{
    if (auto s = validateFilter(filter); !s)
        return s.error();
    ListShape shape;
    shape.idsOnly = true;
    auto select = prepareTaskList(filter, shape);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = exec(q, tr("select tasks")); !s)
        return s.error();
    QList<qint64> ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    q.finish();
    if (shape.search)
        forgetStatement(&q);
    return ids;
}

Result<QSqlQuery*> TaskStore::prepareTaskList(const TaskFilter& filter, ListShape& shape)
{
    for (DisplayState state : filter.states)
        shape.displayStates << stateName(state);
    shape.queueCount = int(filter.queues.size());
    shape.handlerCount = int(filter.handlers.size());
    shape.search = !filter.search.isEmpty();
    shape.createdFrom = filter.createdFrom.isValid();
    shape.createdTo = filter.createdTo.isValid();
    // Every filter and sort makes a statement of its own: keep their number bounded.
    if (m_transactionDepth == 0 && m_statements.size() > 300)
        forgetAllStatements();
    auto select = prepare(dialect().listSql(shape));
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    for (qsizetype i = 0; i < filter.queues.size(); ++i)
        q.bindValue(QLatin1String(":queue") + QString::number(i), dialect().textValue(filter.queues.at(i)));
    for (qsizetype i = 0; i < filter.handlers.size(); ++i)
        q.bindValue(QLatin1String(":handler") + QString::number(i), dialect().textValue(filter.handlers.at(i)));
    if (shape.search)
        q.bindValue(QStringLiteral(":search"), dialect().textValue(dialect().literalSearchValue(filter.search)));
    if (shape.createdFrom)
        q.bindValue(QStringLiteral(":created_from"), timeOrNull(filter.createdFrom));
    if (shape.createdTo)
        q.bindValue(QStringLiteral(":created_to"), timeOrNull(filter.createdTo));
    return &q;
}

Result<qint64> TaskStore::applyBulk(BulkAction action, const QList<qint64>& ids, const QString& description,
                                    const ProgressCallback& progress, CancelReport* cancelReport)
{
    static const char* const names[] = {"retry", "delete", "cancel"};
    const QString actionName = QString::fromLatin1(names[int(action)]);
    qint64 affected = 0;
    for (qsizetype offset = 0; offset < ids.size(); offset += kBatchSize) {
        if (offset > 0 && progress && !progress(offset, ids.size())) {
            // Stopped by the caller between batches: what is done stays done, and the audit log says how far.
            QString detail = tr("stopped after %1 of %2 ids; %3").arg(offset).arg(ids.size()).arg(describeIds(ids));
            if (!description.isEmpty())
                detail = description + QLatin1String("; ") + detail;
            WriteScope scope(*this);
            if (auto s = scope.begin(); !s)
                return s.error();
            if (auto s = insertOperatorAction(actionName, affected, detail); !s)
                return s.error();
            if (auto s = scope.commit(); !s)
                return s.error();
            return affected;
        }
        const QList<qint64> chunk = ids.mid(offset, kBatchSize);
        const int slotCount = idSlotsFor(chunk.size());
        WriteScope scope(*this);
        if (auto s = scope.begin(); !s)
            return s.error();
        switch (action) {
        case BulkAction::Retry: {
            auto retry = prepare(Sql::RetryTasks, slotCount);
            if (!retry)
                return retry.error();
            bindIds(**retry, chunk, slotCount);
            (*retry)->bindValue(QStringLiteral(":default_max_attempts"), m_options.retryPolicy.maxAttempts);
            if (auto s = exec(**retry, tr("retry tasks")); !s)
                return s.error();
            affected += (*retry)->numRowsAffected();
            break;
        }
        case BulkAction::Delete: {
            auto remove = prepare(Sql::DeleteTasks, slotCount);
            if (!remove)
                return remove.error();
            bindIds(**remove, chunk, slotCount);
            if (auto s = exec(**remove, tr("delete tasks")); !s)
                return s.error();
            affected += (*remove)->numRowsAffected();
            break;
        }
        case BulkAction::Cancel: {
            auto pending = prepare(Sql::CancelPendingTasks, slotCount);
            auto running = prepare(Sql::RequestCancelRunningTasks, slotCount);
            if (!pending)
                return pending.error();
            if (!running)
                return running.error();
            bindIds(**pending, chunk, slotCount);
            (*pending)->bindValue(QStringLiteral(":message"),
                                  dialect().textValue(tr("cancelled by %1").arg(m_options.actor)));
            // Row counts are read right after each statement: some drivers report the connection's last one.
            if (auto s = exec(**pending, tr("cancel tasks")); !s)
                return s.error();
            cancelReport->cancelled += (*pending)->numRowsAffected();
            bindIds(**running, chunk, slotCount);
            if (auto s = exec(**running, tr("request cancellation of running tasks")); !s)
                return s.error();
            cancelReport->requested += (*running)->numRowsAffected();
            affected = cancelReport->cancelled + cancelReport->requested;
            break;
        }
        }
        const bool last = offset + kBatchSize >= ids.size();
        if (last) {
            QString detail = describeIds(ids);
            if (!description.isEmpty())
                detail = description + QLatin1String("; ") + detail;
            if (auto s = insertOperatorAction(actionName, affected, detail); !s)
                return s.error();
        }
        if (auto s = scope.commit(); !s)
            return s.error();
    }
    if (progress && !ids.isEmpty())
        progress(ids.size(), ids.size());
    return affected;
}

Result<qint64> TaskStore::retryTasks(const QList<qint64>& ids, const QString& description,
                                     const ProgressCallback& progress)
{
    m_wakeLocalWorkers = true; // retried tasks run now: wake this process's workers at the first commit
    return applyBulk(BulkAction::Retry, ids, description, progress, nullptr);
}

Result<qint64> TaskStore::deleteTasks(const QList<qint64>& ids, const QString& description,
                                      const ProgressCallback& progress)
{
    return applyBulk(BulkAction::Delete, ids, description, progress, nullptr);
}

Result<CancelReport> TaskStore::cancelTasks(const QList<qint64>& ids, const QString& description,
                                            const ProgressCallback& progress)
{
    CancelReport report;
    auto done = applyBulk(BulkAction::Cancel, ids, description, progress, &report);
    if (!done)
        return done.error();
    return report;
}

Result<CancelReport> TaskStore::cancelByUniqueKey(const QString& uniqueKey)
{
    if (auto s = validateUniqueKey(uniqueKey); !s)
        return s.error();
    auto holder = taskIdByUniqueKey(uniqueKey);
    if (!holder)
        return holder.error();
    if (!holder->has_value())
        return makeError(ErrorCode::NotFound, tr("no task has the unique key '%1'").arg(uniqueKey));
    const QList<qint64> ids{**holder};
    return cancelTasks(ids, tr("unique key %1").arg(uniqueKey));
}

Status TaskStore::ensureQueue(const QString& queue)
{
    if (auto s = validateName(tr("queue"), queue, TextLimits::kQueueName); !s)
        return s;
    auto ensure = prepare(Sql::EnsureQueue);
    if (!ensure)
        return ensure.error();
    (*ensure)->bindValue(QStringLiteral(":queue"), dialect().textValue(queue));
    return exec(**ensure, tr("create the settings of queue %1").arg(queue));
}

Status TaskStore::setQueuePaused(const QString& queue, bool paused)
{
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    if (auto s = ensureQueue(queue); !s)
        return s;
    auto update = prepare(Sql::UpdateQueuePaused);
    if (!update)
        return update.error();
    (*update)->bindValue(QStringLiteral(":queue"), dialect().textValue(queue));
    (*update)->bindValue(QStringLiteral(":paused"), paused ? 1 : 0);
    if (auto s = exec(**update, paused ? tr("pause queue %1").arg(queue) : tr("resume queue %1").arg(queue)); !s)
        return s;
    if (auto s = insertOperatorAction(paused ? QStringLiteral("pause") : QStringLiteral("resume"), 0,
                                      QLatin1String("queue ") + queue);
        !s)
        return s;
    return scope.commit();
}

Status TaskStore::updateQueue(const QString& queue, const QueueUpdate& update)
{
    if (update.concurrencyLimit && (*update.concurrencyLimit < 0 || *update.concurrencyLimit > 100'000))
        return makeError(ErrorCode::InvalidArgument, tr("a concurrency limit is between 1 and 100000 (0 removes it)"));
    if (update.maxAttempts && (*update.maxAttempts < 0 || *update.maxAttempts > 1000))
        return makeError(ErrorCode::InvalidArgument, tr("max attempts is between 1 and 1000 (0 removes it)"));
    if (update.backoffMs && (update.backoffMs->first < 0 || update.backoffMs->second < update.backoffMs->first))
        return makeError(ErrorCode::InvalidArgument,
                         tr("a backoff is BASE:MAX with 0 ≤ BASE ≤ MAX, e.g. 1s:1h (0:0 removes it)"));
    if (update.timeoutS && (*update.timeoutS < 0 || *update.timeoutS > 7 * 86400))
        return makeError(ErrorCode::InvalidArgument, tr("a timeout is between 1 second and 7 days (0 removes it)"));
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    if (auto s = ensureQueue(queue); !s)
        return s;
    auto change = prepare(Sql::UpdateQueueSettings);
    if (!change)
        return change.error();
    QSqlQuery& q = **change;
    auto valueOrNull = [](const std::optional<qint64>& value) {
        return value && *value > 0 ? QVariant(static_cast<qlonglong>(*value)) : kNullInt;
    };
    q.bindValue(QStringLiteral(":queue"), dialect().textValue(queue));
    q.bindValue(QStringLiteral(":set_limit"), update.concurrencyLimit ? 1 : 0);
    q.bindValue(QStringLiteral(":concurrency_limit"), valueOrNull(update.concurrencyLimit));
    q.bindValue(QStringLiteral(":set_attempts"), update.maxAttempts ? 1 : 0);
    q.bindValue(QStringLiteral(":max_attempts"), valueOrNull(update.maxAttempts));
    q.bindValue(QStringLiteral(":set_backoff"), update.backoffMs ? 1 : 0);
    const bool clearBackoff = update.backoffMs && update.backoffMs->second == 0;
    q.bindValue(QStringLiteral(":backoff_base_ms"),
                update.backoffMs && !clearBackoff ? QVariant(static_cast<qlonglong>(update.backoffMs->first))
                                                  : kNullInt);
    q.bindValue(QStringLiteral(":backoff_max_ms"),
                valueOrNull(update.backoffMs ? std::optional<qint64>(update.backoffMs->second) : std::nullopt));
    q.bindValue(QStringLiteral(":set_timeout"), update.timeoutS ? 1 : 0);
    q.bindValue(QStringLiteral(":timeout_s"), valueOrNull(update.timeoutS));
    if (auto s = exec(q, tr("change the settings of queue %1").arg(queue)); !s)
        return s;
    if (auto s = insertOperatorAction(QStringLiteral("queue-settings"), 0, QLatin1String("queue ") + queue); !s)
        return s;
    if (update.concurrencyLimit)
        m_limitedQueuesSeen = true; // this store's next claim reads the limits again
    return scope.commit();
}

Result<QList<QueueSettings>> TaskStore::queues()
{
    auto select = prepare(Sql::SelectQueues);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = exec(q, tr("read queue settings")); !s)
        return s.error();
    QList<QueueSettings> list;
    auto optionalInt = [](const QVariant& v) { return v.isNull() ? std::optional<int>() : v.toInt(); };
    auto optionalLong = [](const QVariant& v) { return v.isNull() ? std::optional<qint64>() : v.toLongLong(); };
    while (q.next()) {
        QueueSettings settings;
        settings.name = dialect().readText(q.value(0));
        settings.paused = dialect().readBool(q.value(1));
        settings.concurrencyLimit = optionalInt(q.value(2));
        settings.defaultMaxAttempts = optionalInt(q.value(3));
        settings.backoffBaseMs = optionalLong(q.value(4));
        settings.backoffMaxMs = optionalLong(q.value(5));
        settings.defaultTimeoutS = optionalInt(q.value(6));
        list << settings;
    }
    q.finish();
    return list;
}

Status TaskStore::registerWorker(const WorkerInfo& worker)
{
    if (auto s = validateName(tr("worker id"), worker.id, TextLimits::kHandlerName); !s)
        return s;
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    auto insert = prepare(Sql::RegisterWorker);
    if (!insert)
        return insert.error();
    QSqlQuery& q = **insert;
    q.bindValue(QStringLiteral(":id"), dialect().textValue(worker.id));
    q.bindValue(QStringLiteral(":name"), dialect().textValue(worker.name.left(TextLimits::kHandlerName)));
    q.bindValue(QStringLiteral(":host"), dialect().textValue(worker.host.left(255)));
    q.bindValue(QStringLiteral(":pid"), static_cast<qlonglong>(worker.pid));
    q.bindValue(QStringLiteral(":version"), dialect().textValue(worker.version.left(64)));
    // join() of an empty list is a null string, which would bind as SQL NULL.
    auto list = [](const QStringList& items) { return items.isEmpty() ? QStringLiteral("") : items.join(u','); };
    q.bindValue(QStringLiteral(":queues"), dialect().textValue(list(worker.queues)));
    q.bindValue(QStringLiteral(":handlers"), dialect().textValue(list(worker.handlers)));
    q.bindValue(QStringLiteral(":concurrency"), worker.concurrency);
    if (auto s = exec(q, tr("register worker %1").arg(worker.id)); !s)
        return s;
    return scope.commit();
}

Status TaskStore::workerHeartbeat(const QString& workerId, int inFlight, bool stopping)
{
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    auto beat = prepare(Sql::WorkerHeartbeat);
    if (!beat)
        return beat.error();
    (*beat)->bindValue(QStringLiteral(":id"), dialect().textValue(workerId));
    (*beat)->bindValue(QStringLiteral(":in_flight"), inFlight);
    (*beat)->bindValue(QStringLiteral(":stopping"), stopping ? 1 : 0);
    if (auto s = exec(**beat, tr("record the heartbeat of worker %1").arg(workerId)); !s)
        return s;
    return scope.commit();
}

Status TaskStore::unregisterWorker(const QString& workerId)
{
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    auto remove = prepare(Sql::UnregisterWorker);
    if (!remove)
        return remove.error();
    (*remove)->bindValue(QStringLiteral(":id"), dialect().textValue(workerId));
    if (auto s = exec(**remove, tr("unregister worker %1").arg(workerId)); !s)
        return s;
    return scope.commit();
}

Result<qint64> TaskStore::removeStaleWorkers(qint64 silentForMs)
{
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s.error();
    auto remove = prepare(Sql::DeleteStaleWorkers);
    if (!remove)
        return remove.error();
    (*remove)->bindValue(QStringLiteral(":minus_ms"), static_cast<qlonglong>(-silentForMs));
    if (auto s = exec(**remove, tr("remove silent workers")); !s)
        return s.error();
    const qint64 removed = (*remove)->numRowsAffected();
    if (auto s = scope.commit(); !s)
        return s.error();
    return removed;
}

Result<QList<WorkerInfo>> TaskStore::workers()
{
    auto select = prepare(Sql::SelectWorkers);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = exec(q, tr("read workers")); !s)
        return s.error();
    QList<WorkerInfo> list;
    auto split = [](const QString& text) { return text.split(QLatin1Char(','), Qt::SkipEmptyParts); };
    while (q.next()) {
        WorkerInfo worker;
        worker.id = dialect().readText(q.value(0));
        worker.name = dialect().readText(q.value(1));
        worker.host = dialect().readText(q.value(2));
        worker.pid = q.value(3).toLongLong();
        worker.version = dialect().readText(q.value(4));
        worker.queues = split(dialect().readText(q.value(5)));
        worker.handlers = split(dialect().readText(q.value(6)));
        worker.concurrency = q.value(7).toInt();
        worker.inFlight = q.value(8).toInt();
        worker.startedAt = dialect().readTime(q.value(9));
        worker.heartbeatAt = dialect().readTime(q.value(10));
        worker.stopping = dialect().readBool(q.value(11));
        list << worker;
    }
    q.finish();
    return list;
}

Result<QStringList> TaskStore::handlersWithoutWorker()
{
    auto live = workers();
    if (!live)
        return live.error();
    QSet<QString> offered;
    for (const WorkerInfo& worker : std::as_const(*live)) {
        for (const QString& handler : worker.handlers)
            offered.insert(handler);
    }
    auto select = prepare(Sql::SelectPendingHandlers);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = exec(q, tr("read the handlers of pending tasks")); !s)
        return s.error();
    QStringList orphaned;
    while (q.next()) {
        const QString handler = dialect().readText(q.value(0));
        if (!offered.contains(handler))
            orphaned << handler;
    }
    q.finish();
    orphaned.sort();
    return orphaned;
}

Result<QList<QPair<QString, qint64>>> TaskStore::queueLagMs()
{
    auto select = prepare(Sql::SelectOldestRunnable);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = exec(q, tr("read the oldest runnable tasks")); !s)
        return s.error();
    QList<QPair<QString, qint64>> lags;
    while (q.next()) {
        const QDateTime oldest = dialect().readTime(q.value(1));
        const QDateTime now = dialect().readTime(q.value(2));
        lags.append({dialect().readText(q.value(0)), std::max<qint64>(0, oldest.msecsTo(now))});
    }
    q.finish();
    return lags;
}

Status TaskStore::updateProgress(const QString& workerId, const QList<ProgressUpdate>& updates)
{
    if (updates.isEmpty())
        return {};
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    auto update = prepare(Sql::UpdateProgress);
    if (!update)
        return update.error();
    for (const ProgressUpdate& p : updates) {
        QSqlQuery& q = **update;
        q.bindValue(QStringLiteral(":id"), static_cast<qlonglong>(p.taskId));
        q.bindValue(QStringLiteral(":worker"), dialect().textValue(workerId));
        q.bindValue(QStringLiteral(":attempt"), p.attempt);
        q.bindValue(QStringLiteral(":progress"), std::clamp(p.percent, 0, 100));
        q.bindValue(QStringLiteral(":progress_message"), textOrNull(sanitizeHandlerText(p.message, 1000)));
        if (auto s = exec(q, tr("record the progress of task %1").arg(p.taskId)); !s)
            return s;
    }
    return scope.commit();
}

Result<QList<qint64>> TaskStore::releaseTasks(const QString& workerId, const QList<ClaimedTask>& tasks)
{
    QList<qint64> released;
    if (tasks.isEmpty())
        return released;
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s.error();
    auto release = prepare(Sql::ReleaseTask);
    if (!release)
        return release.error();
    for (const ClaimedTask& task : tasks) {
        QSqlQuery& q = **release;
        q.bindValue(QStringLiteral(":id"), static_cast<qlonglong>(task.id));
        q.bindValue(QStringLiteral(":worker"), dialect().textValue(workerId));
        q.bindValue(QStringLiteral(":attempt"), task.attempt);
        if (auto s = exec(q, tr("hand back task %1").arg(task.id)); !s)
            return s.error();
        if (q.numRowsAffected() == 1)
            released << task.id;
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    return released;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

Task TaskStore::readTask(const QSqlQuery& q) const
{
    const Dialect& d = dialect();
    Task task;
    task.id = q.value(TaskColumn::Id).toLongLong();
    task.queue = d.readText(q.value(TaskColumn::Queue));
    task.handler = d.readText(q.value(TaskColumn::Handler));
    task.payload = d.readText(q.value(TaskColumn::Payload));
    task.priority = q.value(TaskColumn::Priority).toInt();
    task.runAt = d.readTime(q.value(TaskColumn::RunAt));
    task.state = parseTaskState(d.readText(q.value(TaskColumn::State))).value_or(TaskState::Pending);
    task.attempts = q.value(TaskColumn::Attempts).toInt();
    task.maxAttempts = q.value(TaskColumn::MaxAttempts).toInt();
    task.uniqueKey = d.readText(q.value(TaskColumn::UniqueKey));
    if (!q.value(TaskColumn::TimeoutS).isNull())
        task.timeoutS = q.value(TaskColumn::TimeoutS).toInt();
    task.lockedBy = d.readText(q.value(TaskColumn::LockedBy));
    task.lockedUntil = d.readTime(q.value(TaskColumn::LockedUntil));
    task.cancelRequested = d.readBool(q.value(TaskColumn::CancelRequested));
    task.createdAt = d.readTime(q.value(TaskColumn::CreatedAt));
    task.startedAt = d.readTime(q.value(TaskColumn::StartedAt));
    task.finishedAt = d.readTime(q.value(TaskColumn::FinishedAt));
    task.lastError = d.readText(q.value(TaskColumn::LastError));
    task.result = d.readText(q.value(TaskColumn::Result));
    if (!q.value(TaskColumn::Progress).isNull())
        task.progress = q.value(TaskColumn::Progress).toInt();
    task.progressMessage = d.readText(q.value(TaskColumn::ProgressMessage));
    task.displayState =
        parseDisplayState(d.readText(q.value(TaskColumn::DisplayState))).value_or(DisplayState::Pending);
    return task;
}

Result<std::optional<TaskDetails>> TaskStore::task(qint64 id)
{
    auto select = prepare(Sql::SelectTask);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    q.bindValue(QStringLiteral(":id"), static_cast<qlonglong>(id));
    if (auto s = exec(q, tr("read task %1").arg(id)); !s)
        return s.error();
    if (!q.next()) {
        q.finish();
        return std::optional<TaskDetails>();
    }
    TaskDetails details;
    details.task = readTask(q);
    q.finish();
    auto runs = prepare(Sql::SelectTaskRuns);
    if (!runs)
        return runs.error();
    QSqlQuery& r = **runs;
    r.bindValue(QStringLiteral(":id"), static_cast<qlonglong>(id));
    if (auto s = exec(r, tr("read the runs of task %1").arg(id)); !s)
        return s.error();
    while (r.next()) {
        TaskRun run;
        run.taskId = r.value(0).toLongLong();
        run.attempt = r.value(1).toInt();
        run.worker = dialect().readText(r.value(2));
        run.startedAt = dialect().readTime(r.value(3));
        run.finishedAt = dialect().readTime(r.value(4));
        run.outcome = parseRunOutcome(dialect().readText(r.value(5))).value_or(RunOutcome::Failed);
        run.message = dialect().readText(r.value(6));
        if (!r.value(7).isNull())
            run.durationMs = r.value(7).toLongLong();
        details.runs << run;
    }
    r.finish();
    return std::optional<TaskDetails>(std::move(details));
}

namespace {

ListShape::SortKey toShapeKey(TaskQuery::SortKey key)
{
    switch (key) {
    case TaskQuery::SortKey::Id:
        return ListShape::SortKey::Id;
    case TaskQuery::SortKey::RunAt:
        return ListShape::SortKey::RunAt;
    case TaskQuery::SortKey::CreatedAt:
        return ListShape::SortKey::CreatedAt;
    case TaskQuery::SortKey::Priority:
        return ListShape::SortKey::Priority;
    }
    return ListShape::SortKey::Id;
}

QString sortKeyTag(TaskQuery::SortKey key)
{
    switch (key) {
    case TaskQuery::SortKey::Id:
        return QStringLiteral("id");
    case TaskQuery::SortKey::RunAt:
        return QStringLiteral("run_at");
    case TaskQuery::SortKey::CreatedAt:
        return QStringLiteral("created_at");
    case TaskQuery::SortKey::Priority:
        return QStringLiteral("priority");
    }
    return {};
}

// A cursor is opaque to users: base64url of "sort-key|direction|value|id", where time values are epoch ms.
QString encodeCursor(const TaskQuery& query, const Task& last)
{
    qint64 value = last.id;
    switch (query.sortKey) {
    case TaskQuery::SortKey::Id:
        break;
    case TaskQuery::SortKey::RunAt:
        value = last.runAt.toMSecsSinceEpoch();
        break;
    case TaskQuery::SortKey::CreatedAt:
        value = last.createdAt.toMSecsSinceEpoch();
        break;
    case TaskQuery::SortKey::Priority:
        value = last.priority;
        break;
    }
    const QString raw =
        QStringLiteral("%1|%2|%3|%4")
            .arg(sortKeyTag(query.sortKey), query.descending ? QStringLiteral("d") : QStringLiteral("a"))
            .arg(value)
            .arg(last.id);
    return QString::fromLatin1(raw.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

struct DecodedCursor
{
    qint64 value = 0;
    qint64 id = 0;
};

Result<DecodedCursor> decodeCursor(const TaskQuery& query)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        query.afterCursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    const QStringList parts = decoded ? QString::fromUtf8(*decoded).split(QLatin1Char('|')) : QStringList();
    bool valueOk = false;
    bool idOk = false;
    DecodedCursor cursor;
    if (parts.size() == 4) {
        cursor.value = parts.at(2).toLongLong(&valueOk);
        cursor.id = parts.at(3).toLongLong(&idOk);
    }
    if (!valueOk || !idOk)
        return makeError(ErrorCode::InvalidArgument,
                         tr("'%1' is not a cursor from a previous page: pass the value printed after a page")
                             .arg(query.afterCursor.left(80)));
    if (parts.at(0) != sortKeyTag(query.sortKey) ||
        parts.at(1) != (query.descending ? QLatin1String("d") : QLatin1String("a")))
        return makeError(ErrorCode::InvalidArgument,
                         tr("the cursor belongs to a listing sorted differently: use the same sort as the page it "
                            "came from"));
    return cursor;
}

} // namespace

Result<std::pair<qint64, qint64>> TaskStore::searchIndexCount()
{
    auto select = prepare(Sql::CountSearchIndexes);
    if (!select)
        return select.error();
    if (auto s = exec(**select, tr("look for the search index")); !s)
        return s.error();
    const bool found = (*select)->next();
    const std::pair<qint64, qint64> count{found ? (*select)->value(0).toLongLong() : 0,
                                          found ? (*select)->value(1).toLongLong() : 0};
    (*select)->finish();
    return count;
}

Result<bool> TaskStore::searchIndexed()
{
    if (dialect().sql(Sql::CountSearchIndexes).isEmpty())
        return false;
    auto count = searchIndexCount();
    if (!count)
        return count.error();
    return count->first == dialect().searchIndexDropSql().size();
}

Status TaskStore::setSearchIndexed(bool indexed, const std::function<void(const QString&)>& progress)
{
    const QStringList createSteps = dialect().searchIndexCreateSql();
    if (createSteps.isEmpty())
        return makeError(
            ErrorCode::Unsupported,
            tr("%1 has no index for literal text search: searches read the tasks table there").arg(dialect().name()));
    if (m_transactionDepth > 0)
        return makeError(ErrorCode::InvalidArgument,
                         tr("the search index is built outside any transaction: commit or roll back first"));
    auto say = [&](const QString& line) {
        if (progress)
            progress(line);
    };
    auto run = [&](const QString& statement, const QString& what) -> Status {
        SqlThreadGuard::noteDatabaseWork("statement");
        QSqlQuery query(m_connection->database());
        if (query.exec(statement))
            return {};
        if (dialect().isPermissionDenied(query.lastError()))
            return makeError(ErrorCode::PermissionDenied,
                             tr("%1 does not allow %2 to %3 (%4) — the search index is built by the account that "
                                "owns the TaskDeck schema (the one that ran taskdeckctl init)")
                                 .arg(locator().redacted(), accountName(), what, query.lastError().text()));
        return makeError(ErrorCode::Database,
                         tr("cannot %1 on %2: %3").arg(what, locator().redacted(), query.lastError().text()));
    };

    auto count = searchIndexCount();
    if (!count)
        return count.error();
    const auto [valid, all] = *count;
    const qsizetype wanted = dialect().searchIndexDropSql().size();
    if (indexed ? valid == wanted && all == wanted : all == 0) {
        say(indexed ? tr("the search index is already in place") : tr("there is no search index"));
        return {};
    }
    // An interrupted build leaves invalid indexes behind: they slow writes and answer nothing, so they go first.
    if (!indexed || all > valid) {
        say(tr("removing the search index…"));
        for (const QString& step : dialect().searchIndexDropSql()) {
            if (auto s = run(step, tr("remove the search index")); !s)
                return s;
        }
    }
    if (indexed) {
        QString trgmSchema;
        for (qsizetype i = 0; i < createSteps.size(); ++i) {
            QString step = createSteps.at(i);
            if (step.contains(QLatin1String("{trgm_schema}"))) {
                if (trgmSchema.isEmpty()) {
                    auto schema = prepare(Sql::SelectSearchIndexSchema);
                    if (!schema)
                        return schema.error();
                    if (auto s = exec(**schema, tr("find the trigram operator classes")); !s)
                        return s;
                    trgmSchema = (*schema)->next() ? (*schema)->value(0).toString() : QString();
                    (*schema)->finish();
                    if (trgmSchema.isEmpty())
                        return makeError(ErrorCode::Unsupported,
                                         tr("the pg_trgm extension is not installed on %1: install the server's "
                                            "contrib package (postgresql-contrib) and try again")
                                             .arg(locator().redacted()));
                }
                step.replace(QLatin1String("{trgm_schema}"), trgmSchema);
            }
            say(tr("search index: step %1 of %2…").arg(i + 1).arg(createSteps.size()));
            if (auto s = run(step, tr("build the search index")); !s)
                return s;
        }
    }
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s;
    if (auto s = insertOperatorAction(QStringLiteral("search_index"), 0,
                                      indexed ? QStringLiteral("built") : QStringLiteral("removed"));
        !s)
        return s;
    return scope.commit();
}

Result<TaskPage> TaskStore::listTasks(const TaskQuery& query)
{
    if (auto s = validateFilter(query.filter); !s)
        return s.error();
    if (query.limit < 1 || query.limit > 10'000)
        return makeError(ErrorCode::InvalidArgument, tr("a page holds between 1 and 10000 tasks"));
    std::optional<DecodedCursor> cursor;
    if (!query.afterCursor.isEmpty()) {
        auto decoded = decodeCursor(query);
        if (!decoded)
            return decoded.error();
        cursor = *decoded;
    }
    ListShape shape;
    shape.sortKey = toShapeKey(query.sortKey);
    shape.descending = query.descending;
    shape.afterCursor = cursor.has_value();
    auto select = prepareTaskList(query.filter, shape);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (cursor) {
        q.bindValue(QStringLiteral(":cursor_id"), static_cast<qlonglong>(cursor->id));
        const bool isTime =
            query.sortKey == TaskQuery::SortKey::RunAt || query.sortKey == TaskQuery::SortKey::CreatedAt;
        q.bindValue(QStringLiteral(":cursor_value"),
                    isTime ? timeOrNull(QDateTime::fromMSecsSinceEpoch(cursor->value, Qt::UTC))
                           : QVariant(static_cast<qlonglong>(cursor->value)));
    }
    // One row more than asked tells whether another page follows.
    q.bindValue(QStringLiteral(":limit"), query.limit + 1);
    if (auto s = exec(q, tr("list tasks")); !s)
        return s.error();
    TaskPage page;
    while (q.next())
        page.tasks << readTask(q);
    q.finish();
    // A search's best plan depends on its text (the trigram index for rare text, the id order for common text):
    // planned afresh every time, so that a server does not settle on one generic plan for every text.
    if (shape.search)
        forgetStatement(&q);
    if (page.tasks.size() > query.limit) {
        page.tasks.resize(query.limit);
        page.nextCursor = encodeCursor(query, page.tasks.last());
    }
    return page;
}

namespace {

// Counts per queue and key (a state name), summed over the rows of a statement that returns (queue, key, count).
using CountSums = std::map<std::pair<QString, QString>, qint64>;

// Adds the rest of query's rows to sums.
void addCountRows(QSqlQuery& query, const Dialect& dialect, CountSums& sums)
{
    while (query.next())
        sums[{dialect.readText(query.value(0)), dialect.readText(query.value(1))}] += query.value(2).toLongLong();
    query.finish();
}

} // namespace

Result<QList<StateCount>> TaskStore::countUnfinishedTasks()
{
    auto select = prepare(Sql::CountUnfinishedTasks);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = exec(q, tr("count tasks")); !s)
        return s.error();
    // 'pending' still includes the queue's 'scheduled' tasks.
    CountSums sums;
    addCountRows(q, dialect(), sums);
    const QString pending = stateName(DisplayState::Pending);
    const QString scheduled = stateName(DisplayState::Scheduled);
    QList<StateCount> counts;
    for (const auto& [key, sum] : sums) {
        const auto& [queue, countKey] = key;
        qint64 count = sum;
        if (countKey == pending) {
            const auto it = sums.find({queue, scheduled});
            count -= it == sums.end() ? 0 : it->second;
        }
        const auto state = parseDisplayState(countKey);
        if (count == 0 || !state)
            continue;
        counts << StateCount{queue, *state, count};
    }
    return counts;
}

Result<qint64> TaskStore::foldTaskCounts()
{
    if (dialect().sql(Sql::DeleteTaskCounts).isEmpty())
        return 0;
    WriteScope scope(*this);
    if (auto s = scope.begin(); !s)
        return s.error();
    auto remove = prepare(Sql::DeleteTaskCounts);
    if (!remove)
        return remove.error();
    if (auto s = exec(**remove, tr("fold the task counts")); !s)
        return s.error();
    std::map<std::tuple<QString, QString, QString>, qint64> sums; // (queue, count key, handler) → count
    qint64 folded = 0;
    for (QSqlQuery& rows = **remove; rows.next(); ++folded)
        sums[{dialect().readText(rows.value(0)), dialect().readText(rows.value(1)),
              dialect().readText(rows.value(3))}] += rows.value(2).toLongLong();
    (*remove)->finish();
    auto insert = prepare(Sql::InsertTaskCount);
    if (!insert)
        return insert.error();
    for (const auto& [key, sum] : sums) {
        if (sum == 0)
            continue;
        const auto& [queue, countKey, handler] = key;
        (*insert)->bindValue(QStringLiteral(":queue"), dialect().textValue(queue));
        (*insert)->bindValue(QStringLiteral(":handler"), dialect().textValue(handler));
        (*insert)->bindValue(QStringLiteral(":count_key"), dialect().textValue(countKey));
        (*insert)->bindValue(QStringLiteral(":task_count"), static_cast<qlonglong>(sum));
        if (auto s = exec(**insert, tr("fold the task counts")); !s)
            return s.error();
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    return folded;
}

Result<QList<StateCount>> TaskStore::countTasks()
{
    auto select = prepare(Sql::CountTasks);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = exec(q, tr("count tasks")); !s)
        return s.error();
    QList<StateCount> counts;
    while (q.next()) {
        StateCount count;
        count.queue = dialect().readText(q.value(0));
        count.state = parseDisplayState(dialect().readText(q.value(1))).value_or(DisplayState::Pending);
        count.count = q.value(2).toLongLong();
        counts << count;
    }
    q.finish();
    return counts;
}

Result<QList<StatsRow>> TaskStore::stats(const QDateTime& since, qint64 bucketMs)
{
    if (bucketMs < 60'000 || bucketMs % 60'000 != 0)
        return makeError(ErrorCode::InvalidArgument, tr("statistics are summed over whole minutes"));
    // Whole hours from the start of an hour are summed from the hourly rows (168 per queue and outcome for a week
    // instead of 10,080); anything finer from the per-minute rows, which are kept for minuteStatsMs.
    const bool hourly = bucketMs % kHourMs == 0 && since.toMSecsSinceEpoch() % kHourMs == 0;
    QString sql = dialect().sql(Sql::SelectStats);
    sql.replace(QLatin1String("{shards}"), hourly ? QLatin1String("shard < 0") : QLatin1String("shard >= 0"));
    auto select = prepare(sql);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    q.bindValue(QStringLiteral(":since"), timeOrNull(since));
    q.bindValue(QStringLiteral(":bucket_ms"), static_cast<qlonglong>(bucketMs));
    if (auto s = exec(q, tr("read statistics")); !s)
        return s.error();
    QList<StatsRow> rows;
    while (q.next()) {
        StatsRow row;
        row.minute = dialect().readTime(q.value(0));
        row.queue = dialect().readText(q.value(1));
        row.outcome = parseRunOutcome(dialect().readText(q.value(2))).value_or(RunOutcome::Failed);
        row.count = q.value(3).toLongLong();
        row.durationMsSum = q.value(4).toLongLong();
        row.latencyMsSum = q.value(5).toLongLong();
        rows << row;
    }
    q.finish();
    return rows;
}

Result<QDateTime> TaskStore::databaseTime()
{
    auto select = prepare(Sql::SelectDatabaseTime);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = exec(q, tr("read the database clock")); !s)
        return s.error();
    if (!q.next()) {
        q.finish();
        return makeError(ErrorCode::Database, tr("the database returned no time"));
    }
    const QDateTime now = dialect().readTime(q.value(0));
    q.finish();
    return now;
}

} // namespace taskdeck
