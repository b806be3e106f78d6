#pragma once

#include "agent/AgentJobs.h"
#include "db/SqlThreadGuard.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>

#include <memory>

namespace taskdeck::test {

// The rows under key in a recorded fixture, as a driver would hand them over (numbers as 64-bit integers).
inline QList<QVariantList> recordedRows(const QJsonObject& fixture, QStringView key)
{
    QList<QVariantList> result;
    for (const QJsonValue& row : fixture.value(key).toArray()) {
        QVariantList values;
        for (const QJsonValue& value : row.toArray()) {
            if (value.isNull())
                values << QVariant();
            else if (value.isDouble())
                values << QVariant(static_cast<qlonglong>(value.toDouble()));
            else
                values << value.toVariant();
        }
        result << values;
    }
    return result;
}

inline QJsonObject readFixture(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

// Answers Agent-job mode's statements from a recorded result set (tests/data/agent-jobs.json) instead of a server,
// and records what was asked: everything above the row source runs as it does against SQL Server.
class RecordedAgentSource final : public AgentRowSource
{
public:
    struct Call
    {
        QString sql;
        QList<QPair<QString, QVariant>> bindings;
    };
    struct Log
    {
        QMutex mutex;
        QList<Call> calls;
        QString refusal; // non-empty: starting or deleting a job fails with this driver text
        QDateTime historyStart; // valid: the recorded history is moved to begin at this time
    };

    RecordedAgentSource(const QString& fixturePath, std::shared_ptr<Log> log)
        : m_fixture(readFixture(fixturePath))
        , m_log(std::move(log))
    { }

    Result<AgentRows> run(const QString& sql, const QList<QPair<QString, QVariant>>& bindings) override
    {
        SqlThreadGuard::noteDatabaseWork("statement"); // as the live source does: never on the GUI thread
        QString refusal;
        {
            QMutexLocker lock(&m_log->mutex);
            m_log->calls << Call{sql, bindings};
            refusal = m_log->refusal;
        }
        if (sql == AgentSql::logTableColumns()) {
            AgentRows columns{{QStringLiteral("name")}, {}};
            for (const QJsonValue& name : m_fixture.value(u"log_columns").toArray())
                columns.rows << QVariantList{name.toString()};
            return columns;
        }
        if (sql == AgentSql::jobs())
            return AgentRows{{}, rows(u"jobs")};
        if (sql == AgentSql::history()) {
            QList<QVariantList> history = rows(u"history");
            QDateTime start;
            {
                QMutexLocker lock(&m_log->mutex);
                start = m_log->historyStart;
            }
            if (start.isValid() && !history.isEmpty()) {
                const qint64 shift = start.toMSecsSinceEpoch() - history.first().value(0).toLongLong();
                for (QVariantList& row : history)
                    row[0] = row.value(0).toLongLong() + shift;
            }
            return AgentRows{{}, history};
        }
        if (sql == AgentSql::logRows(QStringLiteral("job_name"))) {
            AgentRows logs;
            for (const QJsonValue& name : m_fixture.value(u"log_columns").toArray())
                logs.columns << name.toString();
            for (const QVariantList& row : rows(u"logs")) {
                if (!bindings.isEmpty() && row.value(1) == bindings.first().second)
                    logs.rows << row;
            }
            return logs;
        }
        if (sql == AgentSql::startJob() || sql == AgentSql::deleteJob()) {
            if (!refusal.isEmpty())
                return makeError(ErrorCode::Database, refusal);
            return AgentRows{};
        }
        return makeError(ErrorCode::Database, QStringLiteral("no recorded answer for: ") + sql);
    }

    QString describe() const override { return QStringLiteral("recorded msdb answers"); }

private:
    QList<QVariantList> rows(QStringView key) const { return recordedRows(m_fixture, key); }

    QJsonObject m_fixture;
    std::shared_ptr<Log> m_log;
};

} // namespace taskdeck::test
