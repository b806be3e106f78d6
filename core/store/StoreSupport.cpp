#include "store/StoreSupport.h"

#include "common/TextRules.h"
#include "common/Translate.h"
#include "platform/OsAccount.h"
#include "store/TaskStore.h"

#include <QSqlQuery>
#include <QSysInfo>

#include <algorithm>

namespace taskdeck {

int hourShard(int minuteShard)
{
    return -1 - minuteShard;
}

QVariant intOrNull(const std::optional<int>& value)
{
    return value ? QVariant(static_cast<qlonglong>(*value)) : kNullInt;
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
    for (const QString& worker : filter.workers) {
        if (worker.isEmpty() || worker.size() > 200)
            return makeError(ErrorCode::InvalidArgument, tr("a worker id has 1 to 200 characters"));
    }
    return validateSearchText(filter.search);
}

void bindIdSlots(QSqlQuery& query, const QList<qint64>& ids, int slotCount)
{
    for (int i = 0; i < slotCount; ++i) {
        const qint64 id = ids.at(std::min<qsizetype>(i, ids.size() - 1));
        query.bindValue(QLatin1String(":id") + QString::number(i), static_cast<qlonglong>(id));
    }
}

} // namespace taskdeck
