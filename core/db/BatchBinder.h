#pragma once

#include "db/BatchRows.h"
#include "db/Dialect.h"

class QSqlQuery;

namespace taskdeck {

// Binds a batch to a dialect's batch statement, in the format that statement reads: the JSON documents and arrays
// the SQL of core/db unpacks are written here and nowhere else.
class BatchBinder
{
public:
    // Tasks for DialectTraits::BatchInsert::FromJson (:tasks) or FromArrays (:q, :h, … :t), in the batch's order.
    static void bindTasks(QSqlQuery& query, const Dialect& dialect, DialectTraits::BatchInsert way,
                          const QList<BatchTask>& tasks);
    // Successes for DialectTraits::BatchSuccess::FromJson (:rows).
    static void bindSucceeded(QSqlQuery& query, const Dialect& dialect, const QList<SucceededTask>& tasks);
    // The size of a success in that JSON, at most (the store keeps one statement under the server's packet limit).
    static qsizetype succeededJsonBytes(const SucceededTask& task);
};

} // namespace taskdeck
