#pragma once

#include "common/Result.h"
#include "executor/HandlerRegistry.h"
#include "executor/WorkerOptions.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace taskdeck {

// A program run with the task as JSON on standard input whenever a task enters the failed state.
struct OnFailedHook
{
    QString program;
    QStringList arguments;
};

// The worker's configuration file: where the database is and which handlers this worker runs. It is the
// allow-list — a task row only names a handler, and a name that is not here is never run.
//
//   {
//     "database": "postgresql://taskdeck@db1/tasks",
//     "password_file": "/etc/taskdeck/db-password",
//     "name": "billing", "queues": ["billing"], "concurrency": 8,
//     "lease": "30s", "heartbeat": "10s", "shutdown_grace": "30s", "poll_min": "50ms", "poll_max": "2s",
//     "metrics": "127.0.0.1:9464",
//     "handlers": {
//       "noop":          {"type": "builtin"},
//       "report.export": {"type": "process", "program": "/usr/local/bin/export-report", "args": ["--fast"],
//                         "env": {"LANG": "C.UTF-8"}, "workdir": "/var/lib/reports", "timeout": "10m"},
//       "points.recalc": {"type": "sql", "statement": "CALL recalc_points(:payload)", "timeout": "1m"}
//     },
//     "on_failed": {"program": "/usr/local/bin/page-oncall", "args": ["taskdeck"]}
//   }
struct WorkerConfig
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::WorkerConfig)

public:
    QString database; // a locator without password; empty: --db, TASKDECK_DB or the embedded database
    QString passwordFile; // its contents are the database password
    QString metrics; // HOST:PORT for Prometheus metrics
    WorkerOptions options;
    std::shared_ptr<HandlerRegistry> handlers = std::make_shared<HandlerRegistry>();
    std::optional<OnFailedHook> onFailed;

    // Errors name the file, the line and what is wrong. sql handlers run against `database` (the worker's own).
    static Result<WorkerConfig> load(const QString& path, const Locator& database);
    static Result<WorkerConfig> parse(const QByteArray& text, const QString& fileName, const Locator& database);
    // The database named in a configuration file, before handlers are built (they need it).
    static Result<QString> readDatabase(const QString& path);
    // The contents of passwordFile, trimmed; an error says which file and why, and what to check.
    Result<QString> readPassword() const;
};

} // namespace taskdeck
