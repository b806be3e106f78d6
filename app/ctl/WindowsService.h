#pragma once

// Windows only, and free of Qt so that it can be compiled and checked with any Windows compiler on its own.

#include <functional>
#include <memory>
#include <string>

namespace taskdeck::win {

// `taskdeckctl worker --service NAME` as a Windows service: talks to the service control manager on a thread of
// its own while the worker runs its Qt event loop on the main thread as usual. A stop or a system shutdown calls
// onStop (on the manager's thread) and the service reports "stop pending" until reportStopped().
class ServiceSession
{
public:
    ServiceSession();
    ~ServiceSession();
    ServiceSession(const ServiceSession&) = delete;
    ServiceSession& operator=(const ServiceSession&) = delete;

    // False when this process was not started by the service control manager (then `error` says so).
    bool start(const std::wstring& name, std::function<void()> onStop, std::wstring* error);
    // How long the stop may take, reported to the manager so that it waits instead of killing the worker.
    void setStopWaitHintMs(unsigned long ms);
    // The worker has finished: the service ends with this exit code (0: stopped cleanly).
    void reportStopped(int exitCode);

    struct State;

private:
    std::unique_ptr<State> m_state;
};

} // namespace taskdeck::win
