#include "store/StoreSupport.h"

#include "common/TextRules.h"
#include "common/Translate.h"
#include "platform/OsAccount.h"
#include "store/TaskStore.h"

#include <QSysInfo>

#include <algorithm>

namespace taskdeck {

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

int hourShard(int minuteShard)
{
    return -1 - minuteShard;
}

QVariant intOrNull(const std::optional<int>& value)
{
    return value ? QVariant(static_cast<qlonglong>(*value)) : kNullInt;
}

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

int idSlotsFor(qsizetype count)
{
    for (int slotCount : {1, 10, 100, TaskStore::kBatchSize}) {
        if (count <= slotCount)
            return slotCount;
    }
    return TaskStore::kBatchSize;
}

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

} // namespace taskdeck
