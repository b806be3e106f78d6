#pragma once

#include <QByteArray>

namespace taskdeck {

class Dispatcher;

// A worker's counters in the Prometheus text format, as `taskdeckctl worker --metrics` serves them.
QByteArray renderWorkerMetrics(const Dispatcher& worker);

} // namespace taskdeck
