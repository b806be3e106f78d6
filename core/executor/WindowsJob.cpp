#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0A00 // PROC_THREAD_ATTRIBUTE_JOB_LIST needs the Windows 10 headers
#endif

#include "executor/WindowsJob.h"

namespace taskdeck::win {

ProcessTreeJob::ProcessTreeJob()
{
    m_job = CreateJobObjectW(nullptr, nullptr);
    if (!m_job)
        return;
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
    limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    if (!SetInformationJobObject(m_job, JobObjectExtendedLimitInformation, &limits, sizeof limits)) {
        CloseHandle(m_job);
        m_job = nullptr;
    }
}

ProcessTreeJob::~ProcessTreeJob()
{
    if (m_job)
        CloseHandle(m_job); // kill-on-close: whatever outlived the program goes now
}

ProcessTreeJob::Startup::~Startup()
{
    if (info.lpAttributeList)
        DeleteProcThreadAttributeList(info.lpAttributeList);
}

bool ProcessTreeJob::prepare(Startup& startup, const STARTUPINFOW& base)
{
    if (!m_job || startup.info.lpAttributeList)
        return false;
    SIZE_T size = 0;
    InitializeProcThreadAttributeList(nullptr, 1, 0, &size); // asks for the size; fails by design
    startup.attributeStorage.assign(size, 0);
    auto* list = reinterpret_cast<LPPROC_THREAD_ATTRIBUTE_LIST>(startup.attributeStorage.data());
    if (!InitializeProcThreadAttributeList(list, 1, 0, &size))
        return false;
    startup.jobList[0] = m_job;
    if (!UpdateProcThreadAttribute(list, 0, PROC_THREAD_ATTRIBUTE_JOB_LIST, startup.jobList, sizeof startup.jobList,
                                   nullptr, nullptr)) {
        DeleteProcThreadAttributeList(list);
        return false;
    }
    startup.info.StartupInfo = base;
    startup.info.StartupInfo.cb = sizeof(STARTUPINFOEXW);
    startup.info.lpAttributeList = list;
    return true;
}

void ProcessTreeJob::requestStop(DWORD processGroupId)
{
    GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, processGroupId);
}

void ProcessTreeJob::terminate(UINT exitCode)
{
    if (m_job)
        TerminateJobObject(m_job, exitCode);
}

} // namespace taskdeck::win
