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

void Dialect::unlockAfterMigration(QSqlDatabase& db) const
{
    Q_UNUSED(db);
}

QString Dialect::claimLockSql(const ClaimShape& shape) const
{
    Q_UNUSED(shape);
    return {};
}

bool Dialect::insertReturnsId() const
{
    return true;
}

bool Dialect::failedStatementKeepsTransaction() const
{
    return true;
}

QString Dialect::timeColumn(const QString& column) const
{
    return column;
}

QString Dialect::timeParameter(const QString& placeholder) const
{
    return placeholder;
}

QVariant Dialect::timeValue(const QDateTime& utc) const
{
    if (!utc.isValid())
        return QVariant(QMetaType::fromType<qlonglong>());
    return static_cast<qlonglong>(utc.toMSecsSinceEpoch());
}

QDateTime Dialect::readTime(const QVariant& value) const
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
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
    const QStringList columns{QStringLiteral("id"),
                              QStringLiteral("queue"),
                              QStringLiteral("handler"),
                              payload,
                              QStringLiteral("priority"),
                              timeColumn(QStringLiteral("run_at")),
                              QStringLiteral("state"),
                              QStringLiteral("attempts"),
                              QStringLiteral("max_attempts"),
                              QStringLiteral("unique_key"),
                              QStringLiteral("timeout_s"),
                              QStringLiteral("locked_by"),
                              timeColumn(QStringLiteral("locked_until")),
                              QStringLiteral("cancel_requested"),
                              timeColumn(QStringLiteral("created_at")),
                              timeColumn(QStringLiteral("started_at")),
                              timeColumn(QStringLiteral("finished_at")),
                              error,
                              result,
                              QStringLiteral("progress"),
                              QStringLiteral("progress_message"),
                              displayStateExpression()};
    return columns.join(QLatin1String(", "));
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
        where << QLatin1String("created_at >= ") + timeParameter(QStringLiteral(":created_from"));
    if (shape.createdTo)
        where << QLatin1String("created_at < ") + timeParameter(QStringLiteral(":created_to"));

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
                isTime ? timeParameter(QStringLiteral(":cursor_value")) : QStringLiteral(":cursor_value");
            where << QStringLiteral("(%1 %2 %3 OR (%1 = %3 AND id %2 :cursor_id))").arg(sortColumn, comparison, value);
        }
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
