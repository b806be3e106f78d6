#include "models/FilterSuggestions.h"

#include "client/StoreClient.h"
#include "store/TaskStore.h"

#include <QStringListModel>

namespace taskdeck {

FilterSuggestions::FilterSuggestions(StoreClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_queues(new QStringListModel(this))
    , m_handlers(new QStringListModel(this))
{ }

void FilterSuggestions::refresh(bool force)
{
    constexpr qint64 kReadAtMostEveryMs = 30'000;
    if (!m_client || m_busy || (!force && m_sinceRead.isValid() && m_sinceRead.elapsed() < kReadAtMostEveryMs))
        return;
    m_busy = true;
    m_client->run(
        this, [](TaskStore& store) { return store.knownNames(); },
        [this](Result<std::pair<QStringList, QStringList>> names) {
            m_busy = false;
            if (!names)
                return; // the suggestions stay as they were; the status bar already says what is wrong
            m_sinceRead.start();
            if (m_queues->stringList() != names->first)
                m_queues->setStringList(names->first);
            if (m_handlers->stringList() != names->second)
                m_handlers->setStringList(names->second);
            Q_EMIT updated();
        });
}

} // namespace taskdeck
