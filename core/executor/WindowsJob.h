#pragma once

// Windows only, and free of Qt so that it can be compiled and checked with any Windows compiler on its own.

#include <vector>
#include <windows.h>

namespace taskdeck::win {

// A Job Object that holds a process handler's whole tree. The program is created inside the job
// (PROC_THREAD_ATTRIBUTE_JOB_LIST, Windows 10 / Server 2016 and later), so no child it starts can escape between
// its start and an assignment; closing the job kills whatever is still in it (JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE),
// so a worker that dies leaves no process behind either.
class ProcessTreeJob
{
public:
    ProcessTreeJob();
    ~ProcessTreeJob();
    ProcessTreeJob(const ProcessTreeJob&) = delete;
    ProcessTreeJob& operator=(const ProcessTreeJob&) = delete;

    bool isValid() const { return m_job != nullptr; }

    // Extended start-up information that puts the new process in this job: copy of base plus the attribute list.
    // It must stay alive until CreateProcess has returned. False (and nothing to use) when the system refuses.
    struct Startup
    {
        Startup() = default;
        ~Startup();
        Startup(const Startup&) = delete;
        Startup& operator=(const Startup&) = delete;

        STARTUPINFOEXW info{};
        std::vector<unsigned char> attributeStorage;
        HANDLE jobList[1] = {nullptr};
    };
    bool prepare(Startup& startup, const STARTUPINFOW& base);

    // The polite request: CTRL_BREAK to the program's process group (it must have been started with
    // CREATE_NEW_PROCESS_GROUP and share the worker's console). Programs without a console do not see it; the
    // grace period then ends in terminate().
    static void requestStop(DWORD processGroupId);

    // Ends every process in the job at once with exitCode.
    void terminate(UINT exitCode);

private:
    HANDLE m_job = nullptr;
};

} // namespace taskdeck::win
