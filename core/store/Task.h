#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace taskdeck {

// The state stored in a task row.
enum class TaskState {
    Pending,
    Running,
    Succeeded,
    Failed, // attempts exhausted or not retryable: the dead-letter state, kept for operators
    Cancelled,
};

// What operators see: pending split into ready, scheduled (run_at in the future) and retrying (attempts > 0).
enum class DisplayState {
    Pending,
    Scheduled,
    Retrying,
    Running,
    Succeeded,
    Failed,
    Cancelled,
};

// How one attempt (a row of task_runs) ended.
enum class RunOutcome {
    Succeeded,
    Failed,
    TimedOut,
    Cancelled,
    Lost, // the lease expired: the worker crashed or lost its connection
};

QString stateName(TaskState state);
QString stateName(DisplayState state);
QString outcomeName(RunOutcome outcome);
std::optional<TaskState> parseTaskState(const QString& text);
std::optional<DisplayState> parseDisplayState(const QString& text);
std::optional<RunOutcome> parseRunOutcome(const QString& text);
QStringList displayStateNames();

// The same in the user's language, for people (the console's cells and filters); names above are for machines
// (the database, --json, CSV) and never change with the language.
QString stateLabel(DisplayState state);
QString outcomeLabel(RunOutcome outcome);

// Which tasks an operator's action changes, as the store's statements decide it: retry brings back failed and
// cancelled tasks, cancel stops waiting and running ones, run now starts any that is neither running nor done
// (LeaseLedger::claimTaskNow); delete removes any.
bool retryApplies(DisplayState state);
bool cancelApplies(DisplayState state);
bool runNowApplies(DisplayState state);

struct Task
{
    qint64 id = 0;
    QString queue;
    QString handler;
    QString payload; // JSON; in list pages only the first 200 characters
    int priority = 0;
    QDateTime runAt;
    TaskState state = TaskState::Pending;
    DisplayState displayState = DisplayState::Pending;
    int attempts = 0;
    int maxAttempts = 0;
    QString uniqueKey;
    std::optional<int> timeoutS;
    QString lockedBy;
    QDateTime lockedUntil;
    bool cancelRequested = false;
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString lastError;
    QString result;
    std::optional<int> progress;
    QString progressMessage;
};

struct TaskRun
{
    qint64 taskId = 0;
    int attempt = 0;
    QString worker;
    QDateTime startedAt;
    QDateTime finishedAt;
    RunOutcome outcome = RunOutcome::Succeeded;
    QString message;
    std::optional<qint64> durationMs;
};

struct TaskDetails
{
    Task task;
    QList<TaskRun> runs;
};

} // namespace taskdeck
