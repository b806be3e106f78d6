#pragma once

#include "common/Result.h"
#include "store/Requests.h"

#include <QCoreApplication>

#include <functional>

namespace taskdeck {

class TaskStore;

// Every task that matches a query, as CSV: one header line, then one line per task, page by page so that a million
// rows never sit in memory at once. Shared by the console's "Export CSV…" and `taskdeckctl list --csv`.
// Text fields are quoted where CSV needs it, and a leading = + - @ is escaped so that a spreadsheet shows the cell
// as data instead of evaluating it.
class TaskCsvExport
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::TaskCsvExport)
public:
    struct Hooks
    {
        std::function<void(qint64 rows)> progress; // after each page
        std::function<bool()> interrupted; // asked after each page: true stops the export
    };

    static QByteArray headerLine();
    static QByteArray line(const Task& task);

    // Where the lines go, as the pages come; false when they could not be written (`error` says why).
    using Sink = std::function<bool(const QByteArray& bytes, QString* error)>;

    // Hands every line to `sink`. Interrupted: an Io error saying after how many tasks; what was written stays
    // written (the sink decides what that means).
    static Result<qint64> write(TaskStore& store, TaskQuery query, const Sink& sink, const Hooks& hooks = {});

    // Writes to the file at `path` only when the export is whole: an error or an interruption leaves no file, and an
    // earlier file at `path` as it was.
    static Result<qint64> writeFile(TaskStore& store, const TaskQuery& query, const QString& path,
                                    const Hooks& hooks = {});
};

} // namespace taskdeck
