#include "store/Task.h"

#include "store/Requests.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <utility>

namespace taskdeck {

namespace {

template<typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char*>, N>& table, Enum value)
{
    for (const auto& [candidate, name] : table) {
        if (candidate == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char*>, N>& table, const QString& text)
{
    for (const auto& [value, name] : table) {
        if (text == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<TaskState, const char*>, 5> kTaskStates{{
    {TaskState::Pending, "pending"},
    {TaskState::Running, "running"},
    {TaskState::Succeeded, "succeeded"},
    {TaskState::Failed, "failed"},
    {TaskState::Cancelled, "cancelled"},
}};

constexpr std::array<std::pair<DisplayState, const char*>, 7> kDisplayStates{{
    {DisplayState::Pending, "pending"},
    {DisplayState::Scheduled, "scheduled"},
    {DisplayState::Retrying, "retrying"},
    {DisplayState::Running, "running"},
    {DisplayState::Succeeded, "succeeded"},
    {DisplayState::Failed, "failed"},
    {DisplayState::Cancelled, "cancelled"},
}};

constexpr std::array<std::pair<RunOutcome, const char*>, 5> kRunOutcomes{{
    {RunOutcome::Succeeded, "succeeded"},
    {RunOutcome::Failed, "failed"},
    {RunOutcome::TimedOut, "timed_out"},
    {RunOutcome::Cancelled, "cancelled"},
    {RunOutcome::Lost, "lost"},
}};

} // namespace

QString stateName(TaskState state)
{
    return nameOf(kTaskStates, state);
}

QString stateName(DisplayState state)
{
    return nameOf(kDisplayStates, state);
}

QString outcomeName(RunOutcome outcome)
{
    return nameOf(kRunOutcomes, outcome);
}

bool retryApplies(DisplayState state)
{
    return state == DisplayState::Failed || state == DisplayState::Cancelled;
}

bool cancelApplies(DisplayState state)
{
    return state == DisplayState::Pending || state == DisplayState::Scheduled || state == DisplayState::Retrying ||
        state == DisplayState::Running;
}

bool runNowApplies(DisplayState state)
{
    return state != DisplayState::Running && state != DisplayState::Succeeded;
}

QString stateLabel(DisplayState state)
{
    switch (state) {
    case DisplayState::Pending:
        return QCoreApplication::translate("TaskState", "pending");
    case DisplayState::Scheduled:
        return QCoreApplication::translate("TaskState", "scheduled");
    case DisplayState::Retrying:
        return QCoreApplication::translate("TaskState", "retrying");
    case DisplayState::Running:
        return QCoreApplication::translate("TaskState", "running");
    case DisplayState::Succeeded:
        return QCoreApplication::translate("TaskState", "succeeded");
    case DisplayState::Failed:
        return QCoreApplication::translate("TaskState", "failed");
    case DisplayState::Cancelled:
        return QCoreApplication::translate("TaskState", "cancelled");
    }
    return stateName(state);
}

QString outcomeLabel(RunOutcome outcome)
{
    switch (outcome) {
    case RunOutcome::Succeeded:
        return QCoreApplication::translate("TaskState", "succeeded");
    case RunOutcome::Failed:
        return QCoreApplication::translate("TaskState", "failed");
    case RunOutcome::TimedOut:
        return QCoreApplication::translate("TaskState", "timed out");
    case RunOutcome::Cancelled:
        return QCoreApplication::translate("TaskState", "cancelled");
    case RunOutcome::Lost:
        return QCoreApplication::translate("TaskState", "lost");
    }
    return outcomeName(outcome);
}

std::optional<TaskState> parseTaskState(const QString& text)
{
    return valueOf(kTaskStates, text);
}

std::optional<DisplayState> parseDisplayState(const QString& text)
{
    return valueOf(kDisplayStates, text);
}

std::optional<RunOutcome> parseRunOutcome(const QString& text)
{
    return valueOf(kRunOutcomes, text);
}

QStringList displayStateNames()
{
    QStringList names;
    for (const auto& entry : kDisplayStates)
        names << QString::fromLatin1(entry.second);
    return names;
}

Completion Completion::of(const ClaimedTask& task, RunOutcome outcome, QString message)
{
    Completion c;
    c.taskId = task.id;
    c.attempt = task.attempt;
    c.queue = task.queue;
    c.outcome = outcome;
    c.message = std::move(message);
    c.startedAt = task.startedAt;
    c.queueLatencyMs = std::max<qint64>(0, task.runAt.msecsTo(task.startedAt));
    return c;
}

} // namespace taskdeck
