#pragma once

#include "db/Locator.h"
#include "store/TaskStore.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace taskdeck {

// Records a worker's outcomes on a database connection and a thread of their own, so that the worker's next claim
// does not wait behind the commit of the results before it: a task enqueued while the worker records its
// predecessor's outcome starts a commit sooner. Only where write transactions run side by side
// (DialectTraits::writersRunConcurrently); the connection opens at the first recording and reopens after it broke.
class OutcomeRecorder final
{
public:
    OutcomeRecorder(Locator locator, StoreOptions options);
    // Waits for a recording under way, then closes the connection on the recorder's thread.
    ~OutcomeRecorder();

    OutcomeRecorder(const OutcomeRecorder&) = delete;
    OutcomeRecorder& operator=(const OutcomeRecorder&) = delete;

    // TaskStore::complete(workerId, completions) on the recorder's thread; done receives its result there.
    // Batches are recorded one after another, in the order given.
    void record(const QString& workerId, const QList<Completion>& completions,
                std::function<void(Result<CompletionReport>)> done);

private:
    const Locator m_locator;
    const StoreOptions m_options;
    QThread m_thread;
    QObject m_context; // lives on m_thread: what record() queues runs there
    std::unique_ptr<TaskStore> m_store; // opened, used and closed on m_thread only
};

} // namespace taskdeck
