#pragma once

#include <QObject>

class QSocketNotifier;

namespace taskdeck {

// Turns SIGTERM and SIGINT (console events and service stops on Windows) into a Qt signal on the thread that owns
// the watcher, so that a worker stops gracefully instead of dying mid-task.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void stopRequested();

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace taskdeck
