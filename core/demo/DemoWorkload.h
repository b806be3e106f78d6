#pragma once

#include "executor/HandlerRegistry.h"
#include "store/Requests.h"
#include "store/TaskStore.h"

#include <QList>

namespace taskdeck::demo {

// The demo: the background work of a small shop, for a newcomer to watch — unpaid orders cancelled after a delay,
// report exports with progress, loyalty points recomputed, notifications sent (a few fail and retry, a report
// template is sometimes missing and lands in failed).

// count tasks of the mix, numbered from firstNumber so that successive batches do not repeat themselves.
QList<EnqueueRequest> sampleTasks(int count, int firstNumber = 0);

// The handlers that run the mix, as builtins: they take from tens of milliseconds to a few seconds, report progress
// and stop when asked.
void addHandlers(HandlerRegistry& registry);

// The recurring side of the demo, added once (safe to call again): a schedule every 20 seconds and the shop's
// order.created event fanned out to a notification and a loyalty recompute.
Status addRecurringWork(TaskStore& store);
// One placed order, as the shop publishes it.
Result<QList<EnqueueResult>> publishOrder(TaskStore& store, int number);

// Quick retries and a small attempt budget, so that retries and the dead-letter state show within seconds.
StoreOptions storeOptions();

} // namespace taskdeck::demo
