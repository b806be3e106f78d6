#pragma once

class QThread;

namespace taskdeck {

// Counts database work done on a thread that must never do any — the console's GUI thread, where one slow statement
// freezes the window. The store notes every statement, transaction and connection it opens; the console guards its
// GUI thread and its tests assert that the count stays zero.
class SqlThreadGuard
{
public:
    static void guardThread(QThread* thread); // nullptr: guard no thread
    static void noteDatabaseWork(const char* what);
    static long long countOnGuardedThread();

    // While one lives, this thread's own database work is not counted: for a test that checks the database
    // directly between driving the GUI (it never spins the event loop in between, so the GUI's work still counts).
    class Exempt
    {
    public:
        Exempt();
        ~Exempt();
        Exempt(const Exempt&) = delete;
        Exempt& operator=(const Exempt&) = delete;
    };
};

} // namespace taskdeck
