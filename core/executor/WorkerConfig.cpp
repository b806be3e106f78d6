#include "executor/WorkerConfig.h"

#include "common/Duration.h"
#include "common/TextRules.h"
#include "common/Translate.h"
#include "executor/BuiltinHandlers.h"
#include "executor/ProcessHandler.h"
#include "executor/SqlHandler.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace taskdeck {

namespace {

// Reports errors as FILE:LINE: reason. JSON values carry no positions, so the line is that of the first
// occurrence of the offending key, which is where a person would look.
class Reporter
{
public:
    Reporter(const QByteArray& text, QString fileName)
        : m_text(text)
        , m_fileName(std::move(fileName))
    { }
    Error at(qsizetype offset, const QString& reason) const
    {
        const int line = int(m_text.left(std::max<qsizetype>(0, offset)).count('\n')) + 1;
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1:%2: %3").arg(m_fileName).arg(line).arg(reason));
    }
    Error atKey(const QString& key, const QString& reason, const QString& after = {}) const
    {
        qsizetype from = 0;
        if (!after.isEmpty())
            from = std::max<qsizetype>(0, m_text.indexOf(QByteArray('"' + after.toUtf8() + '"')));
        return at(m_text.indexOf(QByteArray('"' + key.toUtf8() + '"'), from), reason);
    }

private:
    QByteArray m_text;
    QString m_fileName;
};

Result<qint64> durationValue(const QJsonValue& value, const QString& key, const Reporter& report,
                             const QString& after = {})
{
    if (value.isDouble()) {
        auto ms = durationFromMs(value.toDouble() * 1000.0, QString::number(value.toDouble()));
        if (!ms)
            return report.atKey(key, ms.error().message, after);
        return *ms;
    }
    if (value.isString()) {
        auto ms = parseDurationMs(value.toString());
        if (!ms)
            return report.atKey(key, ms.error().message, after);
        return *ms;
    }
    return report.atKey(key, tr("'%1' takes a duration such as \"30s\" or a number of seconds").arg(key), after);
}

Status checkKeys(const QJsonObject& object, const QStringList& known, const Reporter& report, const QString& where,
                 const QString& after = {})
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            return report.atKey(
                it.key(), tr("unknown key '%1' in %2 (known: %3)").arg(it.key(), where, known.join(u", ")), after);
    }
    return {};
}

Result<QStringList> stringList(const QJsonValue& value, const QString& key, const Reporter& report,
                               const QString& after = {})
{
    if (!value.isArray())
        return report.atKey(key, tr("'%1' takes a list of strings, e.g. [\"a\", \"b\"]").arg(key), after);
    QStringList list;
    for (const QJsonValue& item : value.toArray()) {
        if (!item.isString())
            return report.atKey(key, tr("'%1' takes a list of strings only").arg(key), after);
        list << item.toString();
    }
    return list;
}

Result<std::shared_ptr<Handler>> buildHandler(const QString& name, const QJsonValue& value, const Locator& database,
                                              const Reporter& report)
{
    if (!value.isObject())
        return report.atKey(name, tr("handler '%1' must be an object such as {\"type\": \"builtin\"}").arg(name));
    const QJsonObject entry = value.toObject();
    const QString type = entry.value(u"type").toString();
    std::shared_ptr<Handler> handler;
    if (type == QLatin1String("builtin")) {
        if (auto s = checkKeys(entry,
                               {QStringLiteral("type"), QStringLiteral("builtin"), QStringLiteral("timeout"),
                                QStringLiteral("file"), QStringLiteral("ms")},
                               report, tr("builtin handler '%1'").arg(name), name);
            !s)
            return s.error();
        const QString builtin = entry.value(u"builtin").toString(name);
        if (!builtinHandlerNames().contains(builtin))
            return report.atKey(name,
                                tr("handler '%1': there is no builtin '%2' (builtins: %3)")
                                    .arg(name, builtin, builtinHandlerNames().join(u", ")));
        handler = makeBuiltinHandler(builtin, entry);
        if (!handler)
            return report.atKey(
                name, tr("handler '%1': the builtin '%2' needs its options (journal: \"file\")").arg(name, builtin));
    } else if (type == QLatin1String("process")) {
        if (auto s = checkKeys(entry,
                               {QStringLiteral("type"), QStringLiteral("program"), QStringLiteral("args"),
                                QStringLiteral("env"), QStringLiteral("workdir"), QStringLiteral("timeout"),
                                QStringLiteral("kill_grace")},
                               report, tr("process handler '%1'").arg(name), name);
            !s)
            return s.error();
        auto process = std::make_shared<ProcessHandler>();
        process->program = entry.value(u"program").toString();
        if (process->program.isEmpty())
            return report.atKey(name, tr("process handler '%1' needs \"program\": the path of what to run").arg(name));
        if (entry.contains(u"args")) {
            auto args = stringList(entry.value(u"args"), QStringLiteral("args"), report, name);
            if (!args)
                return args.error();
            process->arguments = *args;
        }
        if (entry.contains(u"env")) {
            if (!entry.value(u"env").isObject())
                return report.atKey(QStringLiteral("env"), tr("'env' takes an object of strings"), name);
            const QJsonObject env = entry.value(u"env").toObject();
            for (auto it = env.begin(); it != env.end(); ++it) {
                if (!it.value().isString())
                    return report.atKey(it.key(), tr("environment variable '%1' must be a string").arg(it.key()), name);
                process->environment.insert(it.key(), it.value().toString());
            }
        }
        process->workingDirectory = entry.value(u"workdir").toString();
        if (entry.contains(u"kill_grace")) {
            auto grace = durationValue(entry.value(u"kill_grace"), QStringLiteral("kill_grace"), report, name);
            if (!grace)
                return grace.error();
            process->killGraceMs = *grace;
        }
        handler = process;
    } else if (type == QLatin1String("sql")) {
        if (auto s = checkKeys(entry, {QStringLiteral("type"), QStringLiteral("statement"), QStringLiteral("timeout")},
                               report, tr("sql handler '%1'").arg(name), name);
            !s)
            return s.error();
        const QString statement = entry.value(u"statement").toString();
        if (statement.trimmed().isEmpty())
            return report.atKey(name,
                                tr("sql handler '%1' needs \"statement\", with :payload, :task_id and "
                                   ":attempt where the task's values go")
                                    .arg(name));
        handler = std::make_shared<SqlHandler>(database, statement);
    } else {
        return report.atKey(name, tr("handler '%1' needs \"type\": \"builtin\", \"process\" or \"sql\"").arg(name));
    }
    if (entry.contains(u"timeout")) {
        auto timeout = durationValue(entry.value(u"timeout"), QStringLiteral("timeout"), report, name);
        if (!timeout)
            return timeout.error();
        handler->timeoutS = int(std::max<qint64>(1, (*timeout + 999) / 1000));
    }
    return handler;
}

} // namespace

Result<QString> WorkerConfig::readDatabase(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::InvalidArgument,
                         tr("cannot read the worker configuration %1: %2").arg(path, file.errorString()));
    return QJsonDocument::fromJson(file.readAll()).object().value(u"database").toString();
}

Result<WorkerConfig> WorkerConfig::load(const QString& path, const Locator& database)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::InvalidArgument,
                         tr("cannot read the worker configuration %1: %2").arg(path, file.errorString()));
    return parse(file.readAll(), path, database);
}

Result<WorkerConfig> WorkerConfig::parse(const QByteArray& text, const QString& fileName, const Locator& database)
{
    const Reporter report(text, fileName);
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return report.at(parseError.offset, tr("not valid JSON: %1").arg(parseError.errorString()));
    if (!document.isObject())
        return report.at(0, tr("the configuration must be a JSON object"));
    const QJsonObject root = document.object();
    if (auto s = checkKeys(root,
                           {QStringLiteral("database"), QStringLiteral("password_file"), QStringLiteral("name"),
                            QStringLiteral("queues"), QStringLiteral("concurrency"), QStringLiteral("lease"),
                            QStringLiteral("heartbeat"), QStringLiteral("shutdown_grace"), QStringLiteral("poll_min"),
                            QStringLiteral("poll_max"), QStringLiteral("metrics"), QStringLiteral("handlers"),
                            QStringLiteral("on_failed"), QStringLiteral("record_successful_runs")},
                           report, tr("the configuration"));
        !s)
        return s.error();

    WorkerConfig config;
    config.database = root.value(u"database").toString();
    if (!config.database.isEmpty()) {
        auto locator = Locator::parse(config.database);
        if (!locator)
            return report.atKey(QStringLiteral("database"), locator.error().message);
        if (!locator->password().isEmpty() || locator->odbcHasPassword())
            return report.atKey(QStringLiteral("database"),
                                tr("the database locator contains a password: move it to the file named by "
                                   "\"password_file\""));
    }
    config.passwordFile = root.value(u"password_file").toString();
    config.metrics = root.value(u"metrics").toString();
    if (root.contains(u"name")) {
        config.options.name = root.value(u"name").toString();
        if (auto s = validateName(tr("worker name"), config.options.name, 64); !s)
            return report.atKey(QStringLiteral("name"), s.error().message);
    }
    if (root.contains(u"queues")) {
        auto queues = stringList(root.value(u"queues"), QStringLiteral("queues"), report);
        if (!queues)
            return queues.error();
        config.options.queues = *queues;
    }
    if (root.contains(u"record_successful_runs")) {
        // Off for high-throughput queues: failures are always recorded, and the stats table keeps the history.
        if (!root.value(u"record_successful_runs").isBool())
            return report.atKey(QStringLiteral("record_successful_runs"),
                                tr("'record_successful_runs' is true or false"));
        config.options.store.recordSuccessfulRuns = root.value(u"record_successful_runs").toBool();
    }
    if (root.contains(u"concurrency")) {
        const int concurrency = root.value(u"concurrency").toInt(0);
        if (concurrency < 1 || concurrency > 1000)
            return report.atKey(QStringLiteral("concurrency"), tr("'concurrency' is a number from 1 to 1000"));
        config.options.concurrency = concurrency;
    }
    const std::pair<const char*, qint64*> durations[] = {{"lease", &config.options.leaseMs},
                                                         {"heartbeat", &config.options.heartbeatMs},
                                                         {"shutdown_grace", &config.options.shutdownGraceMs},
                                                         {"poll_min", &config.options.pollMinMs},
                                                         {"poll_max", &config.options.pollMaxMs}};
    for (const auto& [key, target] : durations) {
        const QString name = QString::fromLatin1(key);
        if (!root.contains(name))
            continue;
        auto ms = durationValue(root.value(name), name, report);
        if (!ms)
            return ms.error();
        *target = *ms;
    }
    if (config.options.heartbeatMs * 2 > config.options.leaseMs)
        return report.atKey(root.contains(u"heartbeat") ? QStringLiteral("heartbeat") : QStringLiteral("lease"),
                            tr("the heartbeat must be at most half the lease, so that a lease is renewed before it "
                               "runs out"));

    if (!root.value(u"handlers").isObject() || root.value(u"handlers").toObject().isEmpty())
        return report.atKey(
            QStringLiteral("handlers"),
            tr("\"handlers\" must name at least one handler, e.g. {\"noop\": {\"type\": \"builtin\"}}"));
    const QJsonObject handlers = root.value(u"handlers").toObject();
    for (auto it = handlers.begin(); it != handlers.end(); ++it) {
        if (auto s = validateName(tr("handler name"), it.key(), TextLimits::kHandlerName); !s)
            return report.atKey(it.key(), s.error().message);
        auto handler = buildHandler(it.key(), it.value(), database, report);
        if (!handler)
            return handler.error();
        config.handlers->add(it.key(), *handler);
    }

    if (root.contains(u"on_failed")) {
        const QJsonObject hook = root.value(u"on_failed").toObject();
        if (auto s = checkKeys(hook, {QStringLiteral("program"), QStringLiteral("args")}, report,
                               QStringLiteral("on_failed"), QStringLiteral("on_failed"));
            !s)
            return s.error();
        OnFailedHook onFailed;
        onFailed.program = hook.value(u"program").toString();
        if (onFailed.program.isEmpty())
            return report.atKey(QStringLiteral("on_failed"), tr("\"on_failed\" needs \"program\""));
        if (hook.contains(u"args")) {
            auto args = stringList(hook.value(u"args"), QStringLiteral("args"), report, QStringLiteral("on_failed"));
            if (!args)
                return args.error();
            onFailed.arguments = *args;
        }
        config.onFailed = onFailed;
    }
    return config;
}

Result<QString> WorkerConfig::readPassword() const
{
    QFile file(passwordFile);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io,
                         tr("cannot read the password file %1: %2 — check that it exists and that this user may "
                            "read it")
                             .arg(passwordFile, file.errorString()));
    return QString::fromUtf8(file.readAll()).trimmed();
}

} // namespace taskdeck
