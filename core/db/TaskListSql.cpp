#include "db/TaskListSql.h"

#include <QStringList>

namespace taskdeck {

QString TaskListSql::select(const Dialect& dialect, const ListShape& shape)
{
    QStringList where;
    if (!shape.displayStates.isEmpty()) {
        QStringList alternatives;
        for (const QString& state : shape.displayStates) {
            if (state == QLatin1String("pending"))
                alternatives << QStringLiteral("(state = 'pending' AND attempts = 0 AND run_at <= {now})");
            else if (state == QLatin1String("scheduled"))
                alternatives << QStringLiteral("(state = 'pending' AND attempts = 0 AND run_at > {now})");
            else if (state == QLatin1String("retrying"))
                alternatives << QStringLiteral("(state = 'pending' AND attempts > 0)");
            else
                alternatives << QStringLiteral("state = '%1'").arg(state); // from a fixed list, never user text
        }
        where << QLatin1Char('(') + alternatives.join(QLatin1String(" OR ")) + QLatin1Char(')');
    }
    auto inList = [](const QString& column, const QString& prefix, int count) -> QString {
        return column + QLatin1String(" IN (") + Dialect::placeholderList(prefix, count) + QLatin1Char(')');
    };
    if (shape.queueCount > 0)
        where << inList(QStringLiteral("queue"), QStringLiteral("queue"), shape.queueCount);
    if (shape.handlerCount > 0)
        where << inList(QStringLiteral("handler"), QStringLiteral("handler"), shape.handlerCount);
    if (shape.workerCount > 0)
        where << inList(QStringLiteral("locked_by"), QStringLiteral("worker"), shape.workerCount);
    if (shape.search)
        where << QLatin1Char('(') + dialect.searchCondition(QStringLiteral(":search")) + QLatin1Char(')');
    if (shape.createdFrom)
        where << QLatin1String("created_at >= ") + dialect.timeParameter(QStringLiteral(":created_from"));
    if (shape.createdTo)
        where << QLatin1String("created_at < ") + dialect.timeParameter(QStringLiteral(":created_to"));
    if (shape.failedRunWindow) // off the runs' finished_at index
        where << QStringLiteral("id IN (SELECT task_id FROM %1 WHERE finished_at >= %2 AND finished_at < %3"
                                " AND outcome IN ('failed', 'timed_out', 'lost'))")
                     .arg(dialect.tableName(QStringLiteral("task_runs")),
                          dialect.timeParameter(QStringLiteral(":failed_from")),
                          dialect.timeParameter(QStringLiteral(":failed_to")));

    QString sortColumn = QStringLiteral("id");
    if (!shape.idsOnly) {
        switch (shape.sortKey) {
        case ListShape::SortKey::Id:
            break;
        case ListShape::SortKey::RunAt:
            sortColumn = QStringLiteral("run_at");
            break;
        case ListShape::SortKey::CreatedAt:
            sortColumn = QStringLiteral("created_at");
            break;
        case ListShape::SortKey::Priority:
            sortColumn = QStringLiteral("priority");
            break;
        }
    }
    const QString direction = shape.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString comparison = shape.descending ? QStringLiteral("<") : QStringLiteral(">");
    if (shape.afterCursor) {
        if (sortColumn == QLatin1String("id")) {
            where << QStringLiteral("id %1 :cursor_id").arg(comparison);
        } else {
            const bool isTime = sortColumn == QLatin1String("run_at") || sortColumn == QLatin1String("created_at");
            const QString value =
                isTime ? dialect.timeParameter(QStringLiteral(":cursor_value")) : QStringLiteral(":cursor_value");
            where << QStringLiteral("(%1 %2 %3 OR (%1 = %3 AND id %2 :cursor_id))").arg(sortColumn, comparison, value);
        }
    }

    QString sql = QLatin1String("SELECT ") + (shape.idsOnly ? QStringLiteral("id") : dialect.taskColumns(true)) +
        QLatin1String(" FROM ") + dialect.tableName(QStringLiteral("tasks"));
    if (!where.isEmpty())
        sql += QLatin1String(" WHERE ") + where.join(QLatin1String(" AND "));
    if (shape.idsOnly)
        return sql + QLatin1String(" ORDER BY id");
    sql += QLatin1String(" ORDER BY ") + sortColumn + QLatin1Char(' ') + direction;
    if (sortColumn != QLatin1String("id"))
        sql += QLatin1String(", id ") + direction;
    return dialect.limited(sql, QStringLiteral(":limit"));
}

} // namespace taskdeck
