#include "executor/OutcomeRecorder.h"

namespace taskdeck {

OutcomeRecorder::OutcomeRecorder(Locator locator, StoreOptions options)
    : m_locator(std::move(locator))
    , m_options(std::move(options))
{
    m_thread.setObjectName(QStringLiteral("taskdeck-outcomes"));
    m_context.moveToThread(&m_thread);
    m_thread.start();
}

OutcomeRecorder::~OutcomeRecorder()
{
    // A QSqlDatabase belongs to the thread that opened it: close it there, and bring the context back to this thread
    // so that it is destroyed where it lives.
    QThread* const here = QThread::currentThread();
    QMetaObject::invokeMethod(
        &m_context,
        [this, here] {
            m_store.reset();
            m_context.moveToThread(here);
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void OutcomeRecorder::record(const QString& workerId, const QList<Completion>& completions,
                             std::function<void(Result<CompletionReport>)> done)
{
    QMetaObject::invokeMethod(
        &m_context,
        [this, workerId, completions, done = std::move(done)] {
            if (!m_store) {
                auto opened = TaskStore::open(m_locator, m_options, SchemaMode::Require);
                if (!opened) {
                    done(opened.error());
                    return;
                }
                m_store = std::move(*opened);
            }
            auto report = m_store->complete(workerId, completions);
            if (!report &&
                (report.error().code == ErrorCode::Database || report.error().code == ErrorCode::Unavailable))
                m_store.reset(); // a broken connection does not heal by itself: reopen for the next batch
            done(std::move(report));
        },
        Qt::QueuedConnection);
}

} // namespace taskdeck
