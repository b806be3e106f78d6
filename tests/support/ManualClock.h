#pragma once

#include "common/Clock.h"

#include <QDateTime>

namespace taskdeck::test {

// A clock that moves only when the test says so: backoff, leases and schedules without sleeping.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC))
        : m_now(std::move(start))
    { }
    QDateTime nowUtc() const override { return m_now; }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }
    void set(const QDateTime& now) { m_now = now.toUTC(); }

private:
    QDateTime m_now;
};

} // namespace taskdeck::test
