#pragma once

// Private to the store's implementation files.

#include "store/StoreSession.h"

namespace taskdeck {

// Joins the caller's transaction if one is open, else starts one; rolls back unless committed.
class WriteScope
{
public:
    explicit WriteScope(StoreSession& session)
        : m_session(session)
    { }
    ~WriteScope()
    {
        if (m_begun && !m_done)
            m_session.rollbackWrite();
    }
    WriteScope(const WriteScope&) = delete;
    WriteScope& operator=(const WriteScope&) = delete;
    Status begin()
    {
        if (auto status = m_session.beginWrite(); !status)
            return status;
        m_begun = true;
        return {};
    }
    Status commit()
    {
        m_done = true;
        return m_session.commitWrite();
    }

private:
    StoreSession& m_session;
    bool m_begun = false;
    bool m_done = false;
};

} // namespace taskdeck
