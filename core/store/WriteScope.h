#pragma once

// Private to the store's implementation files.

#include "store/TaskStore.h"

namespace taskdeck {

// Joins the caller's transaction if one is open, else starts one; rolls back unless committed.
class TaskStore::WriteScope
{
public:
    explicit WriteScope(TaskStore& store)
        : m_store(store)
    { }
    ~WriteScope()
    {
        if (m_begun && !m_done)
            m_store.rollbackWrite();
    }
    Status begin()
    {
        if (auto status = m_store.beginWrite(); !status)
            return status;
        m_begun = true;
        return {};
    }
    Status commit()
    {
        m_done = true;
        return m_store.commitWrite();
    }

private:
    TaskStore& m_store;
    bool m_begun = false;
    bool m_done = false;
};

} // namespace taskdeck
