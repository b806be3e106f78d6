#include "db/Dialect.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace taskdeck {

Status Dialect::beginWriteTransaction(QSqlDatabase& db) const
{
    if (!db.transaction())
        return makeError(
            ErrorCode::Database,
            QCoreApplication::translate("Dialect", "cannot start a transaction: %1").arg(db.lastError().text()));
    return {};
}

Status Dialect::lockForMigration(QSqlDatabase& db) const
{
    Q_UNUSED(db);
    return {};
}

QVariant Dialect::textValue(const QString& text) const
{
    if (text.isNull())
        return QVariant(QMetaType::fromType<QString>());
    return text;
}

QString Dialect::readText(const QVariant& value) const
{
    return value.isNull() ? QString() : value.toString();
}

bool Dialect::readBool(const QVariant& value) const
{
    if (value.isNull())
        return false;
    if (value.typeId() == QMetaType::QString)
        return value.toString() == QLatin1String("1") ||
            value.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    return value.toLongLong() != 0;
}

QString Dialect::limitClause(const QString& parameter) const
{
    return QLatin1String(" LIMIT ") + parameter;
}

QString Dialect::displayStateExpression() const
{
    return QStringLiteral("CASE WHEN state = 'pending' AND attempts > 0 THEN 'retrying' "
                          "WHEN state = 'pending' AND run_at > {now} THEN 'scheduled' ELSE state END");
}

QString Dialect::taskColumns(bool payloadPreview) const
{
    const QString payload = payloadPreview ? textPrefix(QStringLiteral("payload"), 200) : QStringLiteral("payload");
    const QString error = payloadPreview ? textPrefix(QStringLiteral("last_error"), 300) : QStringLiteral("last_error");
    const QString result = payloadPreview ? QStringLiteral("NULL") : QStringLiteral("result");
    return QStringLiteral("id, queue, handler, ") + payload +
        QStringLiteral(", priority, run_at, state, attempts, max_attempts, unique_key, timeout_s, locked_by, "
                       "locked_until, cancel_requested, created_at, started_at, finished_at, ") +
        error + QStringLiteral(", ") + result + QStringLiteral(", progress, progress_message, ") +
        displayStateExpression();
}

QString Dialect::listSql(const ListShape& shape) const
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
        QStringList names;
        for (int i = 0; i < count; ++i)
            names << QLatin1Char(':') + prefix + QString::number(i);
        return column + QLatin1String(" IN (") + names.join(QLatin1String(", ")) + QLatin1Char(')');
    };
    if (shape.queueCount > 0)
        where << inList(QStringLiteral("queue"), QStringLiteral("queue"), shape.queueCount);
    if (shape.handlerCount > 0)
        where << inList(QStringLiteral("handler"), QStringLiteral("handler"), shape.handlerCount);
    if (shape.search) {
        where << QLatin1Char('(') + containsLiteral(QStringLiteral("payload"), QStringLiteral(":search")) +
                QLatin1String(" OR ") +
                containsLiteral(QStringLiteral("COALESCE(last_error, '')"), QStringLiteral(":search")) +
                QLatin1String(" OR ") +
                containsLiteral(QStringLiteral("COALESCE(unique_key, '')"), QStringLiteral(":search")) +
                QLatin1Char(')');
    }
    if (shape.createdFrom)
        where << QStringLiteral("created_at >= :created_from");
    if (shape.createdTo)
        where << QStringLiteral("created_at < :created_to");

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
        if (sortColumn == QLatin1String("id"))
            where << QStringLiteral("id %1 :cursor_id").arg(comparison);
        else
            where << QStringLiteral("(%1 %2 :cursor_value OR (%1 = :cursor_value AND id %2 :cursor_id))")
                         .arg(sortColumn, comparison);
    }

    QString sql = QLatin1String("SELECT ") + (shape.idsOnly ? QStringLiteral("id") : taskColumns(true)) +
        QLatin1String(" FROM ") + tableName(QStringLiteral("tasks"));
    if (!where.isEmpty())
        sql += QLatin1String(" WHERE ") + where.join(QLatin1String(" AND "));
    if (shape.idsOnly)
        return sql + QLatin1String(" ORDER BY id");
    sql += QLatin1String(" ORDER BY ") + sortColumn + QLatin1Char(' ') + direction;
    if (sortColumn != QLatin1String("id"))
        sql += QLatin1String(", id ") + direction;
    return sql + limitClause(QStringLiteral(":limit"));
}

} // namespace taskdeck
