#include "store/Maintenance.h"

#include "common/Duration.h"
#include "common/Translate.h"
#include "store/StoreSession.h"
#include "store/TaskQueries.h"
#include "store/TaskStore.h"
#include "store/WriteScope.h"

#include <QDeadlineTimer>

#include <utility>

namespace taskdeck {

namespace {

const QString kPruneLease = QStringLiteral("prune");
constexpr qint64 kMaintenanceLeaseMs = 120'000;
constexpr qint64 kRetentionCacheMs = 5'000;

const QString kSucceededSetting = QStringLiteral("retention.succeeded_ms");
const QString kRunsSetting = QStringLiteral("retention.runs_ms");
const QString kMinuteStatsSetting = QStringLiteral("retention.minute_stats_ms");
const QString kHourStatsSetting = QStringLiteral("retention.hour_stats_ms");

} // namespace

Maintenance::Maintenance(StoreSession& session, TaskQueries& queries)
    : m_session(session)
    , m_queries(queries)
{ }

Result<RetentionSettings> Maintenance::retention()
{
    auto select = m_session.prepare(Sql::SelectSettings);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = m_session.exec(q, tr("read the settings")); !s)
        return s.error();
    RetentionSettings settings;
    while (q.next()) {
        const QString name = m_session.dialect().readText(q.value(0));
        bool ok = false;
        const qint64 value = m_session.dialect().readText(q.value(1)).toLongLong(&ok);
        if (!ok || value < 0)
            continue; // a damaged value keeps the default rather than removing anything
        if (name == kSucceededSetting)
            settings.succeededMs = value;
        else if (name == kRunsSetting)
            settings.runsMs = value;
        else if (name == kMinuteStatsSetting)
            settings.minuteStatsMs = value;
        else if (name == kHourStatsSetting)
            settings.hourStatsMs = value;
    }
    q.finish();
    return settings;
}

Status Maintenance::setRetention(const RetentionSettings& settings)
{
    if (settings.succeededMs < 0 || settings.runsMs < 0 || settings.minuteStatsMs < 0 || settings.hourStatsMs < 0)
        return makeError(ErrorCode::InvalidArgument, tr("retention ages must not be negative"));
    if (settings.minuteStatsMs < RetentionSettings::kDay)
        return makeError(ErrorCode::InvalidArgument,
                         tr("per-minute statistics must be kept for at least a day (the overview's charts use them)"));
    if (settings.hourStatsMs < settings.minuteStatsMs)
        return makeError(ErrorCode::InvalidArgument,
                         tr("hourly statistics must be kept at least as long as per-minute ones"));
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    for (const auto& [name, value] :
         std::initializer_list<std::pair<QString, qint64>>{{kSucceededSetting, settings.succeededMs},
                                                           {kRunsSetting, settings.runsMs},
                                                           {kMinuteStatsSetting, settings.minuteStatsMs},
                                                           {kHourStatsSetting, settings.hourStatsMs}}) {
        if (auto s = setSetting(name, QString::number(value)); !s)
            return s;
    }
    if (auto s = m_session.insertOperatorAction(
            QStringLiteral("retention"), 0,
            QStringLiteral("succeeded %1, runs %2, minute stats %3, hour stats %4")
                .arg(formatDurationMs(settings.succeededMs), formatDurationMs(settings.runsMs),
                     formatDurationMs(settings.minuteStatsMs), formatDurationMs(settings.hourStatsMs)));
        !s)
        return s;
    if (auto s = scope.commit(); !s)
        return s;
    m_succeededRetentionMs = settings.succeededMs;
    m_retentionReadAtMs = QDeadlineTimer::current().deadline();
    return {};
}

Status Maintenance::setSetting(const QString& name, const QString& value)
{
    auto remove = m_session.prepare(Sql::DeleteSetting);
    if (!remove)
        return remove.error();
    (*remove)->bindValue(QStringLiteral(":name"), m_session.dialect().textValue(name));
    if (auto s = m_session.exec(**remove, tr("replace setting %1").arg(name)); !s)
        return s;
    auto insert = m_session.prepare(Sql::InsertSetting);
    if (!insert)
        return insert.error();
    (*insert)->bindValue(QStringLiteral(":name"), m_session.dialect().textValue(name));
    (*insert)->bindValue(QStringLiteral(":value"), m_session.dialect().textValue(value));
    return m_session.exec(**insert, tr("write setting %1").arg(name));
}

bool Maintenance::removeSucceededAtOnce()
{
    const qint64 nowMs = QDeadlineTimer::current().deadline();
    if (!m_succeededRetentionMs || nowMs - m_retentionReadAtMs > kRetentionCacheMs) {
        auto settings = retention();
        // Unreadable settings keep succeeded tasks: keeping a row is always safe, removing one is not undone.
        m_succeededRetentionMs = settings ? settings->succeededMs : RetentionSettings{}.succeededMs;
        m_retentionReadAtMs = nowMs;
    }
    return *m_succeededRetentionMs == 0;
}

Result<qint64> Maintenance::pruneIds(Sql select, Sql remove, qint64 ageMs, int& budget)
{
    qint64 removed = 0;
    while (budget > 0) {
        auto pick = m_session.prepare(select);
        if (!pick)
            return pick.error();
        QSqlQuery& q = **pick;
        q.bindValue(QStringLiteral(":minus_ms"), static_cast<qlonglong>(-ageMs));
        q.bindValue(QStringLiteral(":limit"), TaskStore::kBatchSize);
        if (auto s = m_session.exec(q, tr("find rows to prune")); !s)
            return s.error();
        QList<qint64> ids;
        while (q.next())
            ids << q.value(0).toLongLong();
        q.finish();
        if (ids.isEmpty())
            break;
        --budget;
        WriteScope scope(m_session);
        if (auto s = scope.begin(); !s)
            return s.error();
        auto del = m_session.prepare(remove, TaskStore::kBatchSize);
        if (!del)
            return del.error();
        m_session.bindIds(**del, ids, TaskStore::kBatchSize);
        if (auto s = m_session.exec(**del, tr("prune %1 rows").arg(ids.size())); !s)
            return s.error();
        removed += (*del)->numRowsAffected();
        if (auto s = scope.commit(); !s)
            return s.error();
        if (ids.size() < TaskStore::kBatchSize)
            break;
    }
    return removed;
}

Result<PruneReport> Maintenance::prune(const QString& workerId, int batchBudget)
{
    PruneReport report;
    auto settings = retention();
    if (!settings)
        return settings.error();
    {
        WriteScope scope(m_session);
        if (auto s = scope.begin(); !s)
            return s.error();
        auto take = m_session.prepare(Sql::TakeMaintenance);
        if (!take)
            return take.error();
        (*take)->bindValue(QStringLiteral(":name"), m_session.dialect().textValue(kPruneLease));
        (*take)->bindValue(QStringLiteral(":holder"), m_session.dialect().textValue(workerId));
        (*take)->bindValue(QStringLiteral(":lease_ms"), static_cast<qlonglong>(kMaintenanceLeaseMs));
        if (auto s = m_session.exec(**take, tr("take the maintenance turn")); !s)
            return s.error();
        report.tookTurn = (*take)->numRowsAffected() == 1;
        if (auto s = scope.commit(); !s)
            return s.error();
    }
    if (!report.tookTurn)
        return report;

    int budget = batchBudget;
    auto tasks = pruneIds(Sql::SelectSucceededBefore, Sql::DeleteSucceededTasks, settings->succeededMs, budget);
    if (!tasks)
        return tasks.error();
    report.tasksRemoved = *tasks;
    auto runs = pruneIds(Sql::SelectRunsBefore, Sql::DeleteRuns, settings->runsMs, budget);
    if (!runs)
        return runs.error();
    report.runsRemoved = *runs;

    // Per-minute statistics older than their age go, an hour per transaction: the hourly rows written with them
    // keep the sums.
    while (budget > 0) {
        auto oldest = m_session.prepare(Sql::SelectOldestMinuteStats);
        if (!oldest)
            return oldest.error();
        (*oldest)->bindValue(QStringLiteral(":minus_ms"), static_cast<qlonglong>(-settings->minuteStatsMs));
        if (auto s = m_session.exec(**oldest, tr("find statistics to roll up")); !s)
            return s.error();
        const QDateTime minute = (*oldest)->next() ? m_session.dialect().readTime((*oldest)->value(0)) : QDateTime();
        (*oldest)->finish();
        if (!minute.isValid())
            break;
        --budget;
        const qint64 hourMs = minute.toMSecsSinceEpoch() - minute.toMSecsSinceEpoch() % 3'600'000;
        const QDateTime from = QDateTime::fromMSecsSinceEpoch(hourMs, Qt::UTC);
        const QDateTime to = from.addSecs(3600); // the whole hour, as its hourly rows cover it

        WriteScope scope(m_session);
        if (auto s = scope.begin(); !s)
            return s.error();
        auto remove = m_session.prepare(Sql::DeleteMinuteStatsInRange);
        if (!remove)
            return remove.error();
        (*remove)->bindValue(QStringLiteral(":from"), m_session.timeOrNull(from));
        (*remove)->bindValue(QStringLiteral(":to"), m_session.timeOrNull(to));
        if (auto s = m_session.exec(**remove, tr("remove per-minute statistics")); !s)
            return s.error();
        if (auto s = scope.commit(); !s)
            return s.error();
        ++report.hoursRolledUp;
    }

    if (budget > 0) {
        auto now = m_session.databaseTime();
        if (!now)
            return now.error();
        WriteScope scope(m_session);
        if (auto s = scope.begin(); !s)
            return s.error();
        auto remove = m_session.prepare(Sql::DeleteStatsInRange);
        if (!remove)
            return remove.error();
        (*remove)->bindValue(QStringLiteral(":from"), m_session.timeOrNull(QDateTime::fromMSecsSinceEpoch(0, Qt::UTC)));
        (*remove)->bindValue(QStringLiteral(":to"), m_session.timeOrNull(now->addMSecs(-settings->hourStatsMs)));
        if (auto s = m_session.exec(**remove, tr("remove old statistics")); !s)
            return s.error();
        report.statsRowsRemoved = (*remove)->numRowsAffected();
        auto finish = m_session.prepare(Sql::FinishMaintenance);
        if (!finish)
            return finish.error();
        (*finish)->bindValue(QStringLiteral(":name"), m_session.dialect().textValue(kPruneLease));
        (*finish)->bindValue(QStringLiteral(":holder"), m_session.dialect().textValue(workerId));
        if (auto s = m_session.exec(**finish, tr("record the maintenance pass")); !s)
            return s.error();
        if (auto s = scope.commit(); !s)
            return s.error();
    }
    report.moreLeft = budget <= 0;
    // After the deletions above, which the count triggers recorded too.
    auto folded = m_queries.foldTaskCounts();
    if (!folded)
        return folded.error();
    report.countRowsFolded = *folded;
    if (auto s = refreshPlannerStatisticsIfDue(); !s)
        return s.error();
    return report;
}

Status Maintenance::refreshPlannerStatisticsIfDue()
{
    const QString dueSql = m_session.dialect().sql(Sql::SelectPlannerStatisticsDue);
    if (dueSql.isEmpty())
        return {};
    auto due = m_session.prepare(dueSql);
    if (!due)
        return due.error();
    if (auto s = m_session.exec(**due, tr("check when the query planner's statistics were refreshed")); !s)
        return s;
    const bool isDue = (*due)->next();
    (*due)->finish();
    if (!isDue)
        return {};
    auto analyze = m_session.prepare(Sql::RefreshPlannerStatistics);
    if (!analyze)
        return analyze.error();
    if (auto s = m_session.exec(**analyze, tr("refresh the query planner's statistics")); !s)
        return s;
    (*analyze)->finish();
    auto finish = m_session.prepare(Sql::FinishPlannerStatistics);
    if (!finish)
        return finish.error();
    return m_session.exec(**finish, tr("record the refresh of the query planner's statistics"));
}

Status Maintenance::releaseMaintenance(const QString& workerId)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    auto release = m_session.prepare(Sql::ReleaseMaintenance);
    if (!release)
        return release.error();
    (*release)->bindValue(QStringLiteral(":name"), m_session.dialect().textValue(kPruneLease));
    (*release)->bindValue(QStringLiteral(":holder"), m_session.dialect().textValue(workerId));
    if (auto s = m_session.exec(**release, tr("hand back the maintenance turn")); !s)
        return s;
    return scope.commit();
}

} // namespace taskdeck
