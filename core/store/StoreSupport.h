#pragma once

// Helpers that several units of the store share. Private to core/store.

#include "store/StoreTypes.h"

#include <QVariant>

class QSqlQuery;

namespace taskdeck {

inline constexpr qint64 kHourMs = 3'600'000;

// Kept results written by one statement, at most (at least one task each): 4 Mi characters where they are bound
// one by one, 4 MiB where they travel as one UTF-8 JSON text; under 16 MB however they encode — MariaDB's default
// max_allowed_packet, which one statement must fit in.
inline constexpr qsizetype kMaxResultSizePerStatement = 4 * 1024 * 1024;

// How long a claim trusts that no queue has a concurrency limit without reading the queues again (LeaseLedger::claim).
inline constexpr qint64 kLimitsRecheckMs = 1'000;

// Statistics rows: per minute with shard 0…7 (spread over workers so that they do not queue on one row), and per
// hour with shard -1…-8, both written by the same statement (Sql::UpsertStats); schema migration 4 (SQLite) / 5
// (servers) gave the per-minute rows that existed before their hourly rows.
int hourShard(int minuteShard);

inline const QVariant kNullInt = QVariant(QMetaType::fromType<qlonglong>());
QVariant intOrNull(const std::optional<int>& value);

// IN lists are padded to one of these sizes (repeating the last id), so that a handful of prepared statements
// serve every batch and the statement cache stays small.
int idSlotsFor(qsizetype count);
// Binds :id0… of a statement with slotCount slots to ids, repeating the last id in the slots left over.
void bindIdSlots(QSqlQuery& query, const QList<qint64>& ids, int slotCount);

// The audit's "who": the account the operating system runs this process as, never an environment variable.
QString defaultActor();
QString describeIds(const QList<qint64>& ids);

// index: the task's place in a batch (its message names it), or -1 for a single task.
Status validateEnqueue(const EnqueueRequest& request, int index);
Status validateFilter(const TaskFilter& filter);

} // namespace taskdeck
