// taskdeck-handler-guard (Linux): runs one process handler for a TaskDeck worker so that nothing the handler starts
// outlives the handler or the worker, however the worker ends.
//
//   taskdeck-handler-guard LIFELINE_FD PROGRAM [ARGUMENT…]
//
// The guard is a child subreaper (PR_SET_CHILD_SUBREAPER): every process of the handler's tree that is orphaned —
// a daemonised grandchild, a child that called setsid() — is re-parented to the guard instead of to init, so the
// whole tree stays below it and can be found in /proc. LIFELINE_FD is the read end of a pipe whose only write end
// the worker process holds: when the worker dies by any means (SIGKILL, the OOM killer, a crash), the kernel closes
// that end and the guard reads end-of-file at once, without polling and independently of which worker thread
// started it (PR_SET_PDEATHSIG would fire when that pool thread ends, not the worker).
//
// The guard ends the whole tree (SIGKILL) when
//   - the worker dies (the lifeline closes);
//   - the worker asks with SIGUSR1 (the end of a stop's grace period);
//   - the handler's program exits (whatever it left running goes with it, as a Windows Job Object does).
// SIGTERM from the worker is passed on to every process of the tree (the polite request of a stop).
// The guard exits as the program did: the same exit code, or the same signal. It does not use Qt: it must start
// fast and do nothing but this.

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <map>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

// The exit code when the program cannot be started at all; standard error says why.
constexpr int kCannotStart = 127;
constexpr const char* kName = "taskdeck-handler-guard";

// Every live (not yet exited) process below `root`, read from /proc: pid → parent, then a walk down from root.
std::vector<pid_t> liveDescendants(pid_t root)
{
    std::multimap<pid_t, pid_t> childrenOf;
    if (DIR* proc = ::opendir("/proc")) {
        while (const dirent* entry = ::readdir(proc)) {
            char* end = nullptr;
            const long pid = std::strtol(entry->d_name, &end, 10);
            if (pid <= 0 || *end != '\0')
                continue;
            char path[64];
            std::snprintf(path, sizeof path, "/proc/%ld/stat", pid);
            const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
            if (fd < 0)
                continue; // it has gone meanwhile
            char text[512];
            const ssize_t length = ::read(fd, text, sizeof text - 1);
            ::close(fd);
            if (length <= 0)
                continue;
            text[length] = '\0';
            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
            const char* close = std::strrchr(text, ')');
            char state = 0;
            long parent = 0;
            if (!close || std::sscanf(close + 1, " %c %ld", &state, &parent) != 2)
                continue;
            if (state == 'Z' || state == 'X')
                continue; // exited; only its parent has not collected it yet
            childrenOf.emplace(pid_t(parent), pid_t(pid));
        }
        ::closedir(proc);
    }
    std::vector<pid_t> found;
    std::vector<pid_t> pending{root};
    while (!pending.empty()) {
        const pid_t parent = pending.back();
        pending.pop_back();
        const auto [first, last] = childrenOf.equal_range(parent);
        for (auto it = first; it != last; ++it) {
            found.push_back(it->second);
            pending.push_back(it->second);
        }
    }
    return found;
}

struct Program
{
    pid_t pid = -1;
    bool exited = false;
    int status = 0;
};

// Collects every child that has exited, noting the program's status.
void reap(Program& program)
{
    int status = 0;
    pid_t pid;
    while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
        if (pid == program.pid) {
            program.exited = true;
            program.status = status;
        }
    }
}

bool hasChildren()
{
    siginfo_t info{};
    return ::waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) == 0;
}

// SIGKILL to every process of the tree until none is left. Killed parents hand their children to the guard (the
// subreaper), so a child forked at the last moment is found in the next round.
void endTree(Program& program)
{
    const pid_t self = ::getpid();
    for (;;) {
        const std::vector<pid_t> live = liveDescendants(self);
        for (const pid_t pid : live)
            ::kill(pid, SIGKILL);
        reap(program);
        if (live.empty() && !hasChildren())
            return;
        const timespec pause{0, 2'000'000}; // 2 ms for the kernel to take the killed processes down
        ::nanosleep(&pause, nullptr);
    }
}

void passOn(int signal)
{
    for (const pid_t pid : liveDescendants(::getpid()))
        ::kill(pid, signal);
}

// Ends the guard the way the program ended.
[[noreturn]] void exitAs(const Program& program)
{
    if (program.exited && WIFEXITED(program.status))
        std::_Exit(WEXITSTATUS(program.status));
    const int signal = program.exited && WIFSIGNALED(program.status) ? WTERMSIG(program.status) : SIGKILL;
    const rlimit noCore{0, 0};
    ::setrlimit(RLIMIT_CORE, &noCore); // the program's crash was the program's; the guard leaves no core of its own
    std::signal(signal, SIG_DFL);
    sigset_t all;
    sigfillset(&all);
    ::sigprocmask(SIG_UNBLOCK, &all, nullptr);
    ::raise(signal);
    std::_Exit(128 + signal);
}

} // namespace

int main(int argc, char* argv[])
{
    if (argc < 3) {
        std::fprintf(
            stderr,
            "usage: %s LIFELINE_FD PROGRAM [ARGUMENT...]\n(started by a TaskDeck worker for each process handler)\n",
            kName);
        return 2;
    }
    char* end = nullptr;
    const long lifeline = std::strtol(argv[1], &end, 10);
    if (lifeline < 0 || *end != '\0' || ::fcntl(int(lifeline), F_GETFD) < 0) {
        std::fprintf(stderr, "%s: %s is not an open lifeline descriptor\n", kName, argv[1]);
        return 2;
    }
    ::fcntl(int(lifeline), F_SETFD, FD_CLOEXEC); // the program must not hold it
    if (::prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) {
        std::fprintf(stderr, "%s: cannot become a child subreaper: %s\n", kName, std::strerror(errno));
        return kCannotStart;
    }

    sigset_t handled;
    sigemptyset(&handled);
    for (const int signal : {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGUSR1})
        sigaddset(&handled, signal);
    sigset_t previous;
    ::sigprocmask(SIG_BLOCK, &handled, &previous);
    const int signals = ::signalfd(-1, &handled, SFD_CLOEXEC);
    int startError[2];
    if (signals < 0 || ::pipe2(startError, O_CLOEXEC) != 0) {
        std::fprintf(stderr, "%s: %s\n", kName, std::strerror(errno));
        return kCannotStart;
    }

    Program program;
    const pid_t guard = ::getpid();
    program.pid = ::fork();
    if (program.pid < 0) {
        std::fprintf(stderr, "%s: cannot fork: %s\n", kName, std::strerror(errno));
        return kCannotStart;
    }
    if (program.pid == 0) {
        // Should the guard itself be killed (the OOM killer), its direct child goes too.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != guard)
            std::_Exit(kCannotStart); // the guard died before the request took hold
        ::sigprocmask(SIG_SETMASK, &previous, nullptr);
        ::execvp(argv[2], argv + 2);
        const int error = errno;
        (void)!::write(startError[1], &error, sizeof error);
        std::_Exit(kCannotStart);
    }
    ::close(startError[1]);
    int error = 0;
    ssize_t got;
    while ((got = ::read(startError[0], &error, sizeof error)) < 0 && errno == EINTR) { }
    ::close(startError[0]);
    if (got == ssize_t(sizeof error)) {
        std::fprintf(stderr, "%s: cannot start %s: %s\n", kName, argv[2], std::strerror(error));
        ::waitpid(program.pid, nullptr, 0);
        return kCannotStart;
    }

    pollfd watched[2] = {{int(lifeline), POLLIN, 0}, {signals, POLLIN, 0}};
    for (;;) {
        if (::poll(watched, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            endTree(program); // cannot watch any more: nothing may run unwatched
            exitAs(program);
        }
        if (watched[0].revents) {
            char byte;
            if (::read(int(lifeline), &byte, 1) <= 0) { // the worker has gone
                endTree(program);
                exitAs(program);
            }
        }
        if (watched[1].revents & POLLIN) {
            signalfd_siginfo info;
            if (::read(signals, &info, sizeof info) != ssize_t(sizeof info))
                continue;
            switch (int(info.ssi_signo)) {
            case SIGCHLD:
                reap(program);
                if (program.exited) {
                    if (hasChildren())
                        endTree(program); // what the program left running goes with it
                    exitAs(program);
                }
                break;
            case SIGUSR1:
                endTree(program);
                exitAs(program);
            default: // SIGTERM, SIGINT, SIGHUP: the polite request, to every process of the tree
                passOn(int(info.ssi_signo));
                break;
            }
        }
    }
}
