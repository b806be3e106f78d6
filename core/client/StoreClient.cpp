#include "client/StoreClient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QTimer>

#include <algorithm>
#include <atomic>

namespace taskdeck {

namespace {

constexpr qint64 kFirstRetryMs = 500;
constexpr qint64 kLongestRetryMs = 30'000;

bool mayBeConnectionTrouble(const Error& error)
{
    return error.code == ErrorCode::Database || error.code == ErrorCode::Unavailable;
}

qint64 monotonicMs()
{
    return QDeadlineTimer::current().deadline();
}

} // namespace

QString clientStateName(ClientState state)
{
    switch (state) {
    case ClientState::Closed:
        return QCoreApplication::translate("StoreClient", "closed");
    case ClientState::Connecting:
        return QCoreApplication::translate("StoreClient", "connecting");
    case ClientState::Connected:
        return QCoreApplication::translate("StoreClient", "connected");
    case ClientState::Reconnecting:
        return QCoreApplication::translate("StoreClient", "reconnecting");
    case ClientState::Waiting:
        return QCoreApplication::translate("StoreClient", "waiting for the server");
    }
    return {};
}

// Owns the connection; every member is used on the client's thread only.
class StoreClient::Worker : public QObject
{
public:
    Worker(StoreClient* client, Locator locator, StoreOptions options)
        : m_client(client)
        , m_locator(std::move(locator))
        , m_options(std::move(options))
        , m_retryTimer(this)
    {
        m_retryTimer.setSingleShot(true);
        QObject::connect(&m_retryTimer, &QTimer::timeout, this, [this] { connectNow(); });
    }

    void open(SchemaMode mode)
    {
        m_mode = mode;
        m_wanted = true;
        m_retryDelayMs = 0;
        m_store.reset();
        connectNow();
    }

    TaskStore* store() { return m_store.get(); }

    Error notConnected() const
    {
        if (!m_wanted)
            return makeError(ErrorCode::Unavailable,
                             QCoreApplication::translate("StoreClient", "%1 is not open").arg(m_locator.redacted()));
        return makeError(ErrorCode::Unavailable,
                         QCoreApplication::translate("StoreClient", "not connected to %1 (%2) — reconnecting")
                             .arg(m_locator.redacted(), m_lastError));
    }

    // A job failed: if the connection itself is gone, drop it and reconnect; a refused statement keeps it.
    void checkAfterFailure(const Error& error)
    {
        if (!m_store || !mayBeConnectionTrouble(error))
            return;
        if (m_store->databaseTime().ok())
            return;
        m_store.reset();
        m_lastError = error.message;
        scheduleRetry(error.message);
    }

private:
    void connectNow()
    {
        m_client->setState(m_retryDelayMs == 0 ? ClientState::Connecting : ClientState::Reconnecting,
                           QCoreApplication::translate("StoreClient", "connecting to %1").arg(m_locator.redacted()));
        auto opened = TaskStore::open(m_locator, m_options, m_mode);
        if (opened) {
            m_store = std::move(*opened);
            const bool wasRetrying = m_retryDelayMs > 0;
            m_retryDelayMs = 0;
            const SchemaInfo schema = m_store->schemaInfo();
            const bool readOnly = m_store->isReadOnly();
            const QString writeRefusal = m_store->probeWriteAccess();
            QMetaObject::invokeMethod(m_client, [client = m_client, schema, readOnly, writeRefusal] {
                client->m_schema = schema;
                client->m_readOnly = readOnly;
                client->m_writeRefusal = writeRefusal;
                Q_EMIT client->opened(schema, readOnly);
            });
            m_client->setState(
                ClientState::Connected,
                wasRetrying ? QCoreApplication::translate("StoreClient", "reconnected to %1").arg(m_locator.redacted())
                            : QCoreApplication::translate("StoreClient", "connected to %1").arg(m_locator.redacted()));
            return;
        }
        const Error error = opened.error();
        m_lastError = error.message;
        switch (error.code) {
        case ErrorCode::Unavailable:
        case ErrorCode::Database:
            scheduleRetry(error.message);
            return;
        case ErrorCode::SchemaMissing:
            m_wanted = false;
            m_client->setState(ClientState::Closed, error.message);
            QMetaObject::invokeMethod(
                m_client, [client = m_client, message = error.message] { Q_EMIT client->schemaMissing(message); });
            return;
        default:
            m_wanted = false;
            m_client->setState(ClientState::Closed, error.message);
            QMetaObject::invokeMethod(
                m_client, [client = m_client, message = error.message] { Q_EMIT client->openFailed(message); });
            return;
        }
    }

    void scheduleRetry(const QString& reason)
    {
        m_retryDelayMs = std::clamp(m_retryDelayMs * 2, kFirstRetryMs, kLongestRetryMs);
        m_client->setState(ClientState::Reconnecting,
                           QCoreApplication::translate("StoreClient", "%1 — trying again in %2 s")
                               .arg(reason)
                               .arg((m_retryDelayMs + 999) / 1000));
        m_retryTimer.start(int(m_retryDelayMs));
    }

    StoreClient* m_client;
    Locator m_locator;
    StoreOptions m_options;
    SchemaMode m_mode = SchemaMode::ReadOnlyIfTooNew;
    std::unique_ptr<TaskStore> m_store;
    QTimer m_retryTimer;
    qint64 m_retryDelayMs = 0;
    QString m_lastError;
    bool m_wanted = false;
};

StoreClient::StoreClient(Locator locator, StoreOptions options, QObject* parent)
    : QObject(parent)
    , m_locator(locator)
{
    qRegisterMetaType<ClientState>();
    qRegisterMetaType<SchemaInfo>();
    m_worker = new Worker(this, std::move(locator), std::move(options));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("taskdeck-client"));
    m_thread.start();
    m_answerWatch.setInterval(250);
    connect(&m_answerWatch, &QTimer::timeout, this, &StoreClient::watchAnswer);
    m_answerWatch.start();
}

StoreClient::~StoreClient()
{
    m_thread.requestInterruption(); // long jobs (bulk actions) look at this between batches
    m_thread.quit();
    m_thread.wait(); // the worker, and with it the connection, is deleted on its own thread before this returns
}

void StoreClient::open(SchemaMode mode)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, mode] { worker->open(mode); });
}

void StoreClient::post(std::function<void(TaskStore*, const Error*)> job)
{
    QMetaObject::invokeMethod(m_worker, [this, worker = m_worker, job = std::move(job)] {
        if (TaskStore* store = worker->store()) {
            m_jobStartedMs = monotonicMs();
            job(store, nullptr);
            m_jobStartedMs = -1;
            if (m_waitingShown)
                QMetaObject::invokeMethod(this, [this] { endWaiting(); });
        } else {
            const Error error = worker->notConnected();
            job(nullptr, &error);
        }
    });
}

void StoreClient::afterJob(TaskStore* store, const Error* failure)
{
    if (store && failure)
        m_worker->checkAfterFailure(*failure);
}

void StoreClient::deliver(const QPointer<QObject>& receiver, std::function<void()> fn)
{
    // From a running job: it reports progress, so the server is answering (a long bulk action is not a wait).
    if (QThread::currentThread() == &m_thread && m_jobStartedMs >= 0) {
        m_jobStartedMs = monotonicMs();
        if (m_waitingShown)
            QMetaObject::invokeMethod(this, [this] { endWaiting(); });
    }
    QMetaObject::invokeMethod(this, [receiver, fn = std::move(fn)] {
        if (receiver)
            fn();
    });
}

void StoreClient::setState(ClientState state, const QString& message)
{
    QMetaObject::invokeMethod(this, [this, state, message] { applyState(state, message); });
}

void StoreClient::applyState(ClientState state, const QString& message)
{
    if (m_state == state && m_stateMessage == message)
        return;
    m_state = state;
    m_stateMessage = message;
    Q_EMIT stateChanged(state, message);
}

void StoreClient::watchAnswer()
{
    const qint64 startedMs = m_jobStartedMs;
    if (startedMs < 0 || (m_state != ClientState::Connected && m_state != ClientState::Waiting))
        return;
    const qint64 waitedMs = monotonicMs() - startedMs;
    if (waitedMs < m_slowAnswerAfterMs)
        return;
    if (m_state == ClientState::Connected)
        m_messageBeforeWaiting = m_stateMessage;
    m_waitingShown = true;
    applyState(ClientState::Waiting,
               QCoreApplication::translate("StoreClient",
                                           "%1 has not answered for %2 s — a long statement, a lock someone else "
                                           "holds, or the network; what is shown is from before")
                   .arg(m_locator.redacted())
                   .arg(waitedMs / 1000));
}

void StoreClient::endWaiting()
{
    m_waitingShown = false;
    if (m_state == ClientState::Waiting)
        applyState(ClientState::Connected, m_messageBeforeWaiting);
}

} // namespace taskdeck
