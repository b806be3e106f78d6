#pragma once

#include "db/Dialect.h"

namespace taskdeck {

// The SELECT behind every task list (the console's pages, `taskdeckctl list`, bulk actions by filter): the filters a
// shape names, keyset paging after a cursor, the sort, the limit. Written once over the dialect's pieces.
class TaskListSql
{
public:
    static QString select(const Dialect& dialect, const ListShape& shape);
};

} // namespace taskdeck
