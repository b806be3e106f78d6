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
    QDateTime nowUtc() const override
    {
        const QDateTime now = m_now;
        if (m_stepPerReadMs != 0) // only then written: several threads may read a clock that does not step
            m_now = m_now.addMSecs(m_stepPerReadMs);
        return now;
    }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }
    void set(const QDateTime& now) { m_now = now.toUTC(); }
    // Time passing between the statements of one operation: every reading moves the clock on by this much.
    void setStepPerReadMs(qint64 ms) { m_stepPerReadMs = ms; }

private:
    mutable QDateTime m_now;
    qint64 m_stepPerReadMs = 0;
};

} // namespace taskdeck::test
