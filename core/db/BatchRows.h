#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace taskdeck {

// A task of a batch as the dialects' batch inserts read it (DialectTraits::BatchInsert).
struct BatchTask
{
    QString queue;
    QString handler;
    QString payload;
    int priority = 0;
    std::optional<qint64> runAtMs; // since the epoch, UTC; none: now plus delayMs
    qint64 delayMs = 0;
    std::optional<int> maxAttempts;
    QString uniqueKey; // empty: none
    std::optional<int> timeoutS;
};

// A success of a batch as BatchSql::FinishSucceededFromJson reads it.
struct SucceededTask
{
    qint64 taskId = 0;
    int attempt = 0;
    QString result; // JSON, or empty for none
};

} // namespace taskdeck
