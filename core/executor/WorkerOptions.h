#pragma once

#include "store/TaskStore.h"

#include <QString>
#include <QStringList>

namespace taskdeck {

struct WorkerOptions
{
    enum class Mode {
        Continuous, // until stop()
        Once, // claim one batch, run it, stop
        Drain, // until no task is runnable now (delayed and backing-off tasks are left)
    };

    QString name = QStringLiteral("worker");
    QStringList queues; // empty: every queue
    int concurrency = 4;
    qint64 leaseMs = 30'000;
    qint64 heartbeatMs = 10'000;
    qint64 pollMinMs = 50;
    qint64 pollMaxMs = 2'000;
    qint64 shutdownGraceMs = 30'000;
    Mode mode = Mode::Continuous;
    // A continuous worker also enqueues due schedule occurrences (exactly once across the fleet) and takes its turn
    // at pruning by the retention settings (one worker at a time).
    bool fireSchedules = true;
    bool maintain = true;
    qint64 maintenanceIntervalMs = 60'000;
    StoreOptions store;
};

} // namespace taskdeck
