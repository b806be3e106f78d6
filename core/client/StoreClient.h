#pragma once

#include "db/Locator.h"
#include "store/TaskStore.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>

namespace taskdeck {

enum class ClientState {
    Closed, // not opened yet, or the schema is missing and nobody asked to create it
    Connecting,
    Connected,
    Reconnecting, // the connection broke; jobs fail fast until it is back
    Waiting, // connected, but a statement has been waiting for the server's answer for a while
};

// core's asynchronous client: one database connection on a thread of its own. Callers hand it jobs (functions of a
// TaskStore) and receive their results on their own thread, so a slow or unreachable server is a state to show,
// never a frozen window. Jobs run one after another in the order they were given. A job that fails because the
// connection broke drops the connection; the client reconnects with growing delays and says so.
class StoreClient : public QObject
{
    Q_OBJECT

public:
    explicit StoreClient(Locator locator, StoreOptions options = {}, QObject* parent = nullptr);
    ~StoreClient() override; // waits for the running job, then closes the connection on its own thread

    const Locator& locator() const { return m_locator; }
    ClientState state() const { return m_state; }
    QString stateMessage() const { return m_stateMessage; }
    bool isReadOnly() const { return m_readOnly; }
    // Why the database will not let this account change tasks (its role, a read-only file); empty when it will.
    // Known when opened() is emitted.
    QString writeRefusal() const { return m_writeRefusal; }
    SchemaInfo schemaInfo() const { return m_schema; }

    // How long a job may wait for the server before the state says so (Waiting); 3 s unless set.
    void setSlowAnswerAfterMs(qint64 ms) { m_slowAnswerAfterMs = ms; }

    // Connects. With CreateOrUpgrade, creates the schema; with the default, a missing schema ends in schemaMissing()
    // and a schema too new for this build opens read-only.
    void open(SchemaMode mode = SchemaMode::ReadOnlyIfTooNew);

    // Runs job(TaskStore&) on the client's thread and then done(result) on receiver's thread, unless receiver is
    // gone by then. The job returns a Result or a Status; while there is no connection it is not run and done()
    // gets an Unavailable error at once.
    template<typename Job, typename Done>
    void run(QObject* receiver, Job job, Done done)
    {
        using R = std::invoke_result_t<Job&, TaskStore&>;
        auto shared = std::make_shared<Job>(std::move(job));
        auto reply = std::make_shared<Done>(std::move(done));
        post([this, shared, reply, target = QPointer<QObject>(receiver)](TaskStore* store, const Error* error) {
            auto result = std::make_shared<R>(store ? (*shared)(*store) : R(*error));
            const Error* failure = result->ok() ? nullptr : &result->error();
            afterJob(store, failure);
            deliver(target, [reply, result] { (*reply)(std::move(*result)); });
        });
    }

    // For jobs that report progress: calls fn on receiver's thread (from any thread), unless receiver is gone.
    // Called from a running job, it also counts as an answer from the server (the job is not waiting).
    void deliver(const QPointer<QObject>& receiver, std::function<void()> fn);

Q_SIGNALS:
    void stateChanged(taskdeck::ClientState state, const QString& message);
    void opened(const taskdeck::SchemaInfo& schema, bool readOnly);
    void schemaMissing(const QString& message);
    void openFailed(const QString& message); // wrong profile, missing driver, incompatible schema: not retried

private:
    class Worker;
    void post(std::function<void(TaskStore*, const Error*)> job);
    void afterJob(TaskStore* store, const Error* failure); // on the client's thread
    void setState(ClientState state, const QString& message); // from any thread
    void applyState(ClientState state, const QString& message); // on the client's owner's thread
    void watchAnswer(); // on the owner's thread: is a job waiting for the server too long?
    void endWaiting();

    Locator m_locator;
    QThread m_thread;
    Worker* m_worker = nullptr; // lives on m_thread
    ClientState m_state = ClientState::Closed;
    QString m_stateMessage;
    bool m_readOnly = false;
    QString m_writeRefusal;
    SchemaInfo m_schema;
    // When the running job started (monotonic ms), or -1: written by the connection's thread, read by the
    // owner's, so that a server that stops answering shows as a state while the job still waits.
    std::atomic<qint64> m_jobStartedMs{-1};
    std::atomic<bool> m_waitingShown{false};
    qint64 m_slowAnswerAfterMs = 3'000;
    QTimer m_answerWatch;
    QString m_messageBeforeWaiting; // Waiting is entered from Connected only, and goes back to it
};

QString clientStateName(ClientState state);

} // namespace taskdeck

Q_DECLARE_METATYPE(taskdeck::ClientState)
Q_DECLARE_METATYPE(taskdeck::SchemaInfo)
