#include "executor/HandlerRegistry.h"

#include "executor/BuiltinHandlers.h"

namespace taskdeck {

void HandlerRegistry::add(const QString& name, std::shared_ptr<Handler> handler)
{
    m_handlers.insert(name, std::move(handler));
}

void HandlerRegistry::add(const QString& name, std::function<HandlerOutcome(HandlerContext&)> function)
{
    m_handlers.insert(name, std::make_shared<FunctionHandler>(std::move(function)));
}

std::shared_ptr<const Handler> HandlerRegistry::find(const QString& name) const
{
    return m_handlers.value(name);
}

QStringList HandlerRegistry::names() const
{
    return m_handlers.keys();
}

} // namespace taskdeck
