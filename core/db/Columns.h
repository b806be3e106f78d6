#pragma once

// The columns of the statements whose rows the store reads, in the order their SELECTs (in the dialects) list them:
// the store reads rows by these names, and a statement that changes its columns changes its enum here.

namespace taskdeck {

// Column order of taskColumns(): the store reads rows by these indexes.
namespace TaskColumn {
enum : int {
    Id,
    Queue,
    Handler,
    Payload,
    Priority,
    RunAt,
    State,
    Attempts,
    MaxAttempts,
    UniqueKey,
    TimeoutS,
    LockedBy,
    LockedUntil,
    CancelRequested,
    CreatedAt,
    StartedAt,
    FinishedAt,
    LastError,
    Result,
    Progress,
    ProgressMessage,
    DisplayState,
    Count
};
} // namespace TaskColumn

// Sql::SelectQueues
namespace QueueColumn {
enum : int {
    Name,
    Paused,
    ConcurrencyLimit,
    DefaultMaxAttempts,
    BackoffBaseMs,
    BackoffMaxMs,
    DefaultTimeoutS
};
} // namespace QueueColumn

// Sql::SelectWorkers
namespace WorkerColumn {
enum : int {
    Id,
    Name,
    Host,
    Pid,
    Version,
    Queues,
    Handlers,
    Concurrency,
    InFlight,
    StartedAt,
    HeartbeatAt,
    Stopping
};
} // namespace WorkerColumn

// Sql::SelectOldestRunnable
namespace OldestRunnableColumn {
enum : int {
    Queue,
    OldestRunAt,
    Now
};
} // namespace OldestRunnableColumn

// Dialect::claimSql() and Sql::SelectClaimedByIds
namespace ClaimedColumn {
enum : int {
    Id,
    Queue,
    Handler,
    Payload,
    Priority,
    Attempts,
    MaxAttempts,
    TimeoutS,
    RunAt,
    StartedAt,
    LockedUntil,
    CreatedAt
};
} // namespace ClaimedColumn

// Sql::SelectSchedules, Sql::SelectSchedule, Sql::SelectDueSchedules
namespace ScheduleColumn {
enum : int {
    Name,
    Cron,
    TimeZone,
    Queue,
    Handler,
    Payload,
    Priority,
    MaxAttempts,
    Missed,
    Enabled,
    NextRunAt,
    LastRunAt,
    LastTaskId,
    Revision,
    CreatedAt,
    UpdatedAt
};
} // namespace ScheduleColumn

// Sql::SelectSubscriptions, Sql::SelectEventSubscriptions
namespace SubscriptionColumn {
enum : int {
    Event,
    Handler,
    Queue,
    Priority,
    CreatedAt
};
} // namespace SubscriptionColumn

// Sql::SelectTaskRuns
namespace RunColumn {
enum : int {
    TaskId,
    Attempt,
    Worker,
    StartedAt,
    FinishedAt,
    Outcome,
    Message,
    DurationMs
};
} // namespace RunColumn

// Sql::SelectOperatorActions
namespace AuditColumn {
enum : int {
    Id,
    At,
    Actor,
    DatabaseUser,
    Action,
    TaskCount,
    Detail
};
} // namespace AuditColumn

// Sql::SelectQueuePolicies
namespace QueuePolicyColumn {
enum : int {
    Name,
    DefaultMaxAttempts,
    BackoffBaseMs,
    BackoffMaxMs
};
} // namespace QueuePolicyColumn

} // namespace taskdeck
