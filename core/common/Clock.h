#pragma once

#include <QDateTime>

namespace taskdeck {

// A source of "now" that tests can replace. The store uses the database's own clock unless it is given one of
// these, so that leases and schedules never depend on a worker's clock in production.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
};

} // namespace taskdeck
