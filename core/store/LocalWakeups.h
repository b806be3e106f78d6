#pragma once

#include <QObject>
#include <QString>

namespace taskdeck {

// Tells the workers of this process that this process has just committed tasks that may run now, so that they
// claim at once instead of at their next poll. It matters where the database has no notification channel: SQLite
// above all, where the console's producer and its local executor, or an application and its embedded worker,
// share a process. Announced after the outermost commit only; a worker reacts to its own database's key.
class LocalWakeups : public QObject
{
    Q_OBJECT

public:
    static LocalWakeups& instance();
    // Any thread; receivers in other threads get it queued.
    void announce(const QString& databaseKey);

Q_SIGNALS:
    void tasksCommitted(const QString& databaseKey);

private:
    LocalWakeups() = default;
};

} // namespace taskdeck
