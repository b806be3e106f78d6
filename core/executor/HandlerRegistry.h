#pragma once

#include "executor/Handler.h"

#include <QMap>
#include <QStringList>

#include <memory>

namespace taskdeck {

// The worker's allow-list: handler name → what runs. Filled from the worker configuration and by applications
// through add(); read-only once the worker starts, so pool threads may share it.
class HandlerRegistry
{
public:
    void add(const QString& name, std::shared_ptr<Handler> handler);
    void add(const QString& name, std::function<HandlerOutcome(HandlerContext&)> function);
    std::shared_ptr<const Handler> find(const QString& name) const;
    QStringList names() const;
    bool isEmpty() const { return m_handlers.isEmpty(); }

private:
    QMap<QString, std::shared_ptr<const Handler>> m_handlers;
};

} // namespace taskdeck
