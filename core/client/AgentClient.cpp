#include "client/AgentClient.h"

namespace taskdeck {

AgentClient::AgentClient(Opener opener, QObject* parent)
    : QObject(parent)
    , m_opener(std::move(opener))
{
    m_thread.setObjectName(QStringLiteral("taskdeck-agent"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

AgentClient::Opener AgentClient::openerFor(const Locator& locator)
{
    return [locator] { return AgentJobStore::open(locator); };
}

AgentClient::~AgentClient()
{
    // The store's connection closes on the thread that opened it.
    QMetaObject::invokeMethod(
        m_context, [this] { m_store.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void AgentClient::post(std::function<void(AgentJobStore*, const Error*)> job)
{
    QMetaObject::invokeMethod(m_context, [this, job = std::move(job)] {
        if (!m_store) {
            auto opened = m_opener();
            if (!opened) {
                job(nullptr, &opened.error());
                return;
            }
            m_store = std::move(*opened);
        }
        job(m_store.get(), nullptr);
    });
}

void AgentClient::deliver(const QPointer<QObject>& receiver, std::function<void()> fn)
{
    QMetaObject::invokeMethod(this, [receiver, fn = std::move(fn)] {
        if (receiver)
            fn();
    });
}

} // namespace taskdeck
