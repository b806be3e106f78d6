#pragma once

#include <QtGlobal>

namespace taskdeck {

// Exponential backoff with jitter: attempt n waits base·2^(n−1), capped at maxDelay, then spread by ±jitter so
// that tasks failing together do not come back together.
struct RetryPolicy
{
    qint64 baseDelayMs = 1'000;
    qint64 maxDelayMs = 3'600'000;
    double jitter = 0.2;
    int maxAttempts = 5;

    // unitRandom in [0, 1): 0.5 gives the undisturbed delay.
    qint64 delayMs(int attempt, double unitRandom) const;
};

} // namespace taskdeck
