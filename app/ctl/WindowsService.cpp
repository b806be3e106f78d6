#include "app/ctl/WindowsService.h"

#include <vector>
#include <windows.h>

namespace taskdeck::win {

struct ServiceSession::State
{
    std::wstring name;
    std::function<void()> onStop;
    SERVICE_STATUS_HANDLE statusHandle = nullptr;
    SERVICE_STATUS status{};
    // Win32 primitives rather than std::thread and friends: every Windows tool chain has them.
    SRWLOCK lock = SRWLOCK_INIT;
    HANDLE startedEvent = nullptr; // set once the dispatcher has either started the service or failed
    bool startedAsService = false;
    HANDLE stoppedEvent = nullptr; // set by reportStopped(): ServiceMain may return
    unsigned long stopWaitHintMs = 60'000;
    HANDLE dispatcher = nullptr;
    DWORD dispatcherError = 0;

    void setStatus(DWORD state, DWORD exitCode = NO_ERROR, DWORD waitHint = 0)
    {
        AcquireSRWLockExclusive(&lock);
        status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
        status.dwCurrentState = state;
        status.dwControlsAccepted = state == SERVICE_RUNNING ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_PRESHUTDOWN : 0;
        status.dwWin32ExitCode = exitCode == NO_ERROR ? NO_ERROR : ERROR_SERVICE_SPECIFIC_ERROR;
        status.dwServiceSpecificExitCode = exitCode;
        status.dwWaitHint = waitHint;
        if (state == SERVICE_START_PENDING || state == SERVICE_STOP_PENDING)
            ++status.dwCheckPoint;
        else
            status.dwCheckPoint = 0;
        if (statusHandle)
            SetServiceStatus(statusHandle, &status);
        ReleaseSRWLockExclusive(&lock);
    }

    void waitForDispatcher()
    {
        if (dispatcher) {
            WaitForSingleObject(dispatcher, INFINITE);
            CloseHandle(dispatcher);
            dispatcher = nullptr;
        }
    }
};

namespace {

// The service control manager's callbacks carry no user pointer for ServiceMain: one service per process.
ServiceSession::State* g_state = nullptr;

DWORD WINAPI onControl(DWORD control, DWORD, LPVOID, LPVOID context)
{
    auto* state = static_cast<ServiceSession::State*>(context);
    switch (control) {
    case SERVICE_CONTROL_STOP:
    case SERVICE_CONTROL_PRESHUTDOWN:
    case SERVICE_CONTROL_SHUTDOWN:
        state->setStatus(SERVICE_STOP_PENDING, NO_ERROR, state->stopWaitHintMs);
        if (state->onStop)
            state->onStop();
        return NO_ERROR;
    case SERVICE_CONTROL_INTERROGATE:
        return NO_ERROR;
    default:
        return ERROR_CALL_NOT_IMPLEMENTED;
    }
}

void WINAPI serviceMain(DWORD, LPWSTR*)
{
    ServiceSession::State* state = g_state;
    state->statusHandle = RegisterServiceCtrlHandlerExW(state->name.c_str(), onControl, state);
    if (!state->statusHandle) {
        state->dispatcherError = GetLastError();
        SetEvent(state->startedEvent);
        return;
    }
    state->setStatus(SERVICE_RUNNING);
    state->startedAsService = true;
    SetEvent(state->startedEvent);
    // The worker runs on the main thread; this thread only waits for it to finish.
    WaitForSingleObject(state->stoppedEvent, INFINITE);
    // The final SERVICE_STOPPED was reported by reportStopped(); returning ends the dispatcher.
}

DWORD WINAPI runDispatcher(LPVOID context)
{
    auto* state = static_cast<ServiceSession::State*>(context);
    std::vector<wchar_t> name(state->name.begin(), state->name.end());
    name.push_back(L'\0');
    SERVICE_TABLE_ENTRYW table[] = {{name.data(), serviceMain}, {nullptr, nullptr}};
    // Blocks for the life of the service; fails at once when the manager did not start this process.
    if (!StartServiceCtrlDispatcherW(table)) {
        state->dispatcherError = GetLastError();
        SetEvent(state->startedEvent);
    }
    return 0;
}

} // namespace

ServiceSession::ServiceSession()
    : m_state(std::make_unique<State>())
{
    m_state->startedEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    m_state->stoppedEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr);
}

ServiceSession::~ServiceSession()
{
    // Ended without reportStopped(): the worker could not start; the manager is told it failed.
    if (m_state->statusHandle && m_state->status.dwCurrentState != SERVICE_STOPPED)
        m_state->setStatus(SERVICE_STOPPED, 1);
    if (m_state->dispatcher) {
        SetEvent(m_state->stoppedEvent);
        m_state->waitForDispatcher();
    }
    for (HANDLE event : {m_state->startedEvent, m_state->stoppedEvent}) {
        if (event)
            CloseHandle(event);
    }
    if (g_state == m_state.get())
        g_state = nullptr;
}

bool ServiceSession::start(const std::wstring& name, std::function<void()> onStop, std::wstring* error)
{
    if (g_state || !m_state->startedEvent || !m_state->stoppedEvent) {
        if (error)
            *error = L"a service session is already running in this process";
        return false;
    }
    m_state->name = name;
    m_state->onStop = std::move(onStop);
    g_state = m_state.get();
    // StartServiceCtrlDispatcher blocks for the life of the service, so it gets a thread of its own.
    m_state->dispatcher = CreateThread(nullptr, 0, runDispatcher, m_state.get(), 0, nullptr);
    if (!m_state->dispatcher)
        m_state->dispatcherError = GetLastError();
    else
        WaitForSingleObject(m_state->startedEvent, INFINITE);
    if (m_state->startedAsService)
        return true;
    m_state->waitForDispatcher();
    g_state = nullptr;
    if (error) {
        *error = m_state->dispatcherError == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT
            ? L"this process was not started by the service control manager: create the service with sc.exe "
              L"(see worker-service.md) and start it with sc.exe start or the Services console"
            : L"cannot register with the service control manager (error " + std::to_wstring(m_state->dispatcherError) +
                L")";
    }
    return false;
}

void ServiceSession::setStopWaitHintMs(unsigned long ms)
{
    m_state->stopWaitHintMs = ms;
}

void ServiceSession::reportStopped(int exitCode)
{
    if (!m_state->statusHandle || m_state->status.dwCurrentState == SERVICE_STOPPED)
        return;
    m_state->setStatus(SERVICE_STOPPED, DWORD(exitCode));
    SetEvent(m_state->stoppedEvent);
    m_state->waitForDispatcher();
}

} // namespace taskdeck::win
