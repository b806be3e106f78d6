#include "store/RetryPolicy.h"

#include <algorithm>
#include <cmath>

namespace taskdeck {

qint64 RetryPolicy::delayMs(int attempt, double unitRandom) const
{
    const int exponent = std::clamp(attempt - 1, 0, 40);
    const double raw = static_cast<double>(std::max<qint64>(baseDelayMs, 0)) * std::pow(2.0, exponent);
    const double capped = std::min(raw, static_cast<double>(std::max(maxDelayMs, baseDelayMs)));
    const double spread = std::clamp(jitter, 0.0, 1.0) * (2.0 * std::clamp(unitRandom, 0.0, 1.0) - 1.0);
    return std::max<qint64>(0, std::llround(capped * (1.0 + spread)));
}

} // namespace taskdeck
