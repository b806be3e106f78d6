#pragma once

#include "common/Result.h"
#include "store/Requests.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace taskdeck {

// The options that choose tasks, shared by the commands that list them or act on them: --state, --queue, --handler
// and (for listing) --search.
struct TaskFilterOptions
{
    TaskFilterOptions();

    QCommandLineOption state;
    QCommandLineOption queue;
    QCommandLineOption handler;
    QCommandLineOption search;

    void addTo(QCommandLineParser& parser, bool withSearch) const;
    Result<TaskFilter> read(const QCommandLineParser& parser) const;
};

// Task ids given as arguments; an error names the first that is not one.
Result<QList<qint64>> parseTaskIds(const QStringList& texts);

} // namespace taskdeck
