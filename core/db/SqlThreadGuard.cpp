#include "db/SqlThreadGuard.h"

#include <QDebug>
#include <QThread>

#include <atomic>

namespace taskdeck {

namespace {

std::atomic<QThread*> guardedThread{nullptr};
std::atomic<long long> countOnGuarded{0};
thread_local int exemptions = 0;

} // namespace

void SqlThreadGuard::guardThread(QThread* thread)
{
    guardedThread.store(thread);
    countOnGuarded.store(0);
}

void SqlThreadGuard::noteDatabaseWork(const char* what)
{
    QThread* guarded = guardedThread.load(std::memory_order_relaxed);
    if (guarded == nullptr || exemptions > 0 || QThread::currentThread() != guarded)
        return;
    if (countOnGuarded.fetch_add(1) == 0)
        qWarning("taskdeck: database work (%s) on the GUI thread; it belongs on a client thread", what);
}

SqlThreadGuard::Exempt::Exempt()
{
    ++exemptions;
}

SqlThreadGuard::Exempt::~Exempt()
{
    --exemptions;
}

long long SqlThreadGuard::countOnGuardedThread()
{
    return countOnGuarded.load();
}

} // namespace taskdeck
