#pragma once

#include "agent/AgentJobs.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>
#include <type_traits>

namespace taskdeck {

// Agent-job mode's asynchronous client, as StoreClient is TaskStore's: the AgentJobStore lives on a thread of its
// own, jobs run there one after another, results come back on the caller's thread. The store is opened by the first
// job; a job that finds it cannot be opened gets the error, and the next job tries again.
class AgentClient : public QObject
{
    Q_OBJECT

public:
    using Opener = std::function<Result<std::unique_ptr<AgentJobStore>>()>; // runs on the client's thread

    explicit AgentClient(Opener opener, QObject* parent = nullptr);
    static Opener openerFor(const Locator& locator);
    ~AgentClient() override;

    template<typename Job, typename Done>
    void run(QObject* receiver, Job job, Done done)
    {
        using R = std::invoke_result_t<Job&, AgentJobStore&>;
        auto shared = std::make_shared<Job>(std::move(job));
        auto reply = std::make_shared<Done>(std::move(done));
        post([this, shared, reply, target = QPointer<QObject>(receiver)](AgentJobStore* store, const Error* error) {
            auto result = std::make_shared<R>(store ? (*shared)(*store) : R(*error));
            deliver(target, [reply, result] { (*reply)(std::move(*result)); });
        });
    }

private:
    void post(std::function<void(AgentJobStore*, const Error*)> job);
    void deliver(const QPointer<QObject>& receiver, std::function<void()> fn);

    Opener m_opener;
    QThread m_thread;
    QObject* m_context = nullptr; // lives on m_thread
    std::unique_ptr<AgentJobStore> m_store; // only touched on m_thread
};

} // namespace taskdeck
