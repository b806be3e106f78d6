#include "db/BatchBinder.h"

#include <QSqlQuery>
#include <QStringList>

namespace taskdeck {

namespace {

// A PostgreSQL array literal of values, in order, a null QString for NULL (PostgreSQL is the only database whose
// batch insert reads arrays: DialectTraits::BatchInsert::FromArrays).
QVariant arrayLiteral(const QStringList& values)
{
    // Every element quoted (numbers too: the cast parses them), NULL bare.
    qsizetype length = 2;
    for (const QString& value : values)
        length += value.size() + 3;
    QString literal;
    literal.reserve(length);
    literal += QLatin1Char('{');
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            literal += QLatin1Char(',');
        const QString& value = values.at(i);
        if (value.isNull()) {
            literal += QLatin1String("NULL");
            continue;
        }
        literal += QLatin1Char('"');
        for (const QChar c : value) {
            if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
                literal += QLatin1Char('\\');
            literal += c;
        }
        literal += QLatin1Char('"');
    }
    literal += QLatin1Char('}');
    return literal;
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

template<typename Number>
void appendJsonNumberOrNull(QByteArray& out, const std::optional<Number>& value)
{
    if (value)
        out += QByteArray::number(*value);
    else
        out += "null";
}

// The tasks as one JSON array of objects: o, the index in the batch; q, h, p, pr, r, d, m, k, t: queue, handler,
// payload, priority, run_at ms or null, delay ms, max_attempts, unique key, timeout_s.
void bindTasksJson(QSqlQuery& query, const Dialect& dialect, const QList<BatchTask>& tasks)
{
    QByteArray json;
    json += '[';
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        const BatchTask& task = tasks.at(i);
        if (i > 0)
            json += ',';
        json += "{\"o\":";
        json += QByteArray::number(i);
        json += ",\"q\":";
        appendJsonString(json, task.queue);
        json += ",\"h\":";
        appendJsonString(json, task.handler);
        json += ",\"p\":";
        appendJsonString(json, task.payload);
        json += ",\"pr\":";
        json += QByteArray::number(task.priority);
        json += ",\"r\":";
        appendJsonNumberOrNull(json, task.runAtMs);
        json += ",\"d\":";
        json += QByteArray::number(task.delayMs);
        json += ",\"m\":";
        appendJsonNumberOrNull(json, task.maxAttempts);
        json += ",\"k\":";
        if (task.uniqueKey.isEmpty())
            json += "null";
        else
            appendJsonString(json, task.uniqueKey);
        json += ",\"t\":";
        appendJsonNumberOrNull(json, task.timeoutS);
        json += '}';
    }
    json += ']';
    query.bindValue(QStringLiteral(":tasks"), dialect.values().textValue(QString::fromUtf8(json)));
}

// The tasks as one array per field, in the batch's order; a null QString is NULL.
void bindTaskArrays(QSqlQuery& query, const QList<BatchTask>& tasks)
{
    const auto numberOrNull = [](const auto& value) { return value ? QString::number(*value) : QString(); };
    QStringList queues, handlers, payloads, priorities, runAts, delays, maxAttempts, uniqueKeys, timeouts;
    for (QStringList* list :
         {&queues, &handlers, &payloads, &priorities, &runAts, &delays, &maxAttempts, &uniqueKeys, &timeouts})
        list->reserve(tasks.size());
    for (const BatchTask& task : tasks) {
        queues << task.queue;
        handlers << task.handler;
        payloads << task.payload;
        priorities << QString::number(task.priority);
        runAts << numberOrNull(task.runAtMs);
        delays << QString::number(task.delayMs);
        maxAttempts << numberOrNull(task.maxAttempts);
        uniqueKeys << (task.uniqueKey.isEmpty() ? QString() : task.uniqueKey);
        timeouts << numberOrNull(task.timeoutS);
    }
    query.bindValue(QStringLiteral(":q"), arrayLiteral(queues));
    query.bindValue(QStringLiteral(":h"), arrayLiteral(handlers));
    query.bindValue(QStringLiteral(":p"), arrayLiteral(payloads));
    query.bindValue(QStringLiteral(":pr"), arrayLiteral(priorities));
    query.bindValue(QStringLiteral(":r"), arrayLiteral(runAts));
    query.bindValue(QStringLiteral(":d"), arrayLiteral(delays));
    query.bindValue(QStringLiteral(":m"), arrayLiteral(maxAttempts));
    query.bindValue(QStringLiteral(":k"), arrayLiteral(uniqueKeys));
    query.bindValue(QStringLiteral(":t"), arrayLiteral(timeouts));
}

} // namespace

void BatchBinder::bindTasks(QSqlQuery& query, const Dialect& dialect, DialectTraits::BatchInsert way,
                            const QList<BatchTask>& tasks)
{
    if (way == DialectTraits::BatchInsert::FromArrays)
        bindTaskArrays(query, tasks);
    else
        bindTasksJson(query, dialect, tasks);
}

void BatchBinder::bindSucceeded(QSqlQuery& query, const Dialect& dialect, const QList<SucceededTask>& tasks)
{
    // One JSON array of objects: i, the task id; a, its attempt; r, its result (absent for none).
    QByteArray json;
    json += '[';
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        const SucceededTask& task = tasks.at(i);
        if (i > 0)
            json += ',';
        json += "{\"i\":";
        json += QByteArray::number(task.taskId);
        json += ",\"a\":";
        json += QByteArray::number(task.attempt);
        if (!task.result.isEmpty()) {
            json += ",\"r\":";
            appendJsonString(json, task.result);
        }
        json += '}';
    }
    json += ']';
    query.bindValue(QStringLiteral(":rows"), dialect.values().textValue(QString::fromUtf8(json)));
}

qsizetype BatchBinder::succeededJsonBytes(const SucceededTask& task)
{
    // 48 for the keys, the numbers and the punctuation, and 3 bytes a character of the result (UTF-8's most for a
    // UTF-16 unit). A control character escapes to 6, but then the statement is still at most twice the estimate.
    return 48 + 3 * task.result.size();
}

} // namespace taskdeck
