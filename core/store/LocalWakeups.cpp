#include "store/LocalWakeups.h"

namespace taskdeck {

LocalWakeups& LocalWakeups::instance()
{
    static LocalWakeups wakeups;
    return wakeups;
}

void LocalWakeups::announce(const QString& databaseKey)
{
    Q_EMIT tasksCommitted(databaseKey);
}

} // namespace taskdeck
