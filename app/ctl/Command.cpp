#include "app/ctl/Command.h"

#include "app/ctl/CtlOutput.h"
#include "common/Duration.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace taskdeck {

Command::Command(const Streams& streams)
    : m_out(streams.out)
    , m_err(streams.err)
    , m_in(streams.in)
{ }

Command::~Command() = default;

bool Command::parseCommand(QCommandLineParser& parser, const Invocation& context, const QString& positionalSyntax,
                           const QString& description, int* exitCode)
{
    parser.setApplicationDescription(description);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser.addOption(dbOption());
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    parser.addOption(help);
    if (!positionalSyntax.isEmpty())
        parser.addPositionalArgument(QStringLiteral("args"), QString(), positionalSyntax);
    if (!parser.parse(QStringList{QStringLiteral("taskdeckctl ") + context.command} + context.arguments)) {
        *exitCode = usageError(context.command, parser.errorText());
        return false;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(QLatin1String("[options] args"), QLatin1String("[options] ") + positionalSyntax);
        m_out << text;
        *exitCode = int(ExitCode::Ok);
        return false;
    }
    return true;
}

Result<Locator> Command::resolveLocator(const QCommandLineParser& parser, const Invocation& context, bool* isDefault)
{
    *isDefault = false;
    QString text;
    bool fromCommandLine = false;
    if (parser.isSet(dbOption())) {
        text = parser.value(dbOption());
        fromCommandLine = true;
    } else if (context.dbFromGlobalOption) {
        text = *context.dbFromGlobalOption;
        fromCommandLine = true;
    } else {
        text = qEnvironmentVariable("TASKDECK_DB");
    }
    if (text.trimmed().isEmpty()) {
        *isDefault = true;
        return Locator::defaultEmbedded();
    }
    auto locator = Locator::parse(text);
    if (!locator)
        return locator.error();
    const bool passwordInLocator = (locator->kind() == Locator::Kind::PostgreSql && !locator->password().isEmpty()) ||
        (locator->kind() == Locator::Kind::Odbc && locator->odbcHasPassword());
    if (fromCommandLine && passwordInLocator)
        m_err << tr("warning: a password on the command line can be read by other users of this machine; put it in "
                    "TASKDECK_DB_PASSWORD instead")
              << Qt::endl;
    return locator;
}

Result<std::unique_ptr<TaskStore>> Command::openStore(const QCommandLineParser& parser, const Invocation& context,
                                                      bool createOrUpgrade)
{
    bool isDefault = false;
    auto locator = resolveLocator(parser, context, &isDefault);
    if (!locator)
        return locator.error();
    // The embedded default is created on first use; any other database is created only by `init`.
    const SchemaMode mode = (createOrUpgrade || isDefault) ? SchemaMode::CreateOrUpgrade : SchemaMode::Require;
    return TaskStore::open(*locator, StoreOptions{}, mode);
}

Result<QString> Command::readPayloadOption(const QString& value)
{
    if (value == QLatin1String("-")) {
        if (!m_in)
            return makeError(ErrorCode::InvalidArgument, tr("--payload - reads standard input, but there is none"));
        return QString::fromUtf8(m_in->readAll());
    }
    if (value.startsWith(QLatin1Char('@'))) {
        QFile file(value.mid(1));
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::InvalidArgument,
                             tr("cannot read the payload file %1: %2").arg(value.mid(1), file.errorString()));
        return QString::fromUtf8(file.readAll());
    }
    return value;
}

int Command::usageError(const QString& command, const QString& message)
{
    const QString prefix = command.isEmpty() ? QStringLiteral("taskdeckctl") : QStringLiteral("taskdeckctl ") + command;
    m_err << prefix << ": " << message << '\n';
    m_err << tr("Try '%1 --help'.").arg(prefix) << Qt::endl;
    return int(ExitCode::Usage);
}

int Command::fail(const Error& error)
{
    m_err << "taskdeckctl: " << error.message << Qt::endl;
    switch (error.code) {
    case ErrorCode::InvalidArgument:
        return int(ExitCode::Usage);
    default:
        return int(ExitCode::Error);
    }
}

void Command::printJson(const QJsonDocument& document)
{
    m_out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    m_out.flush();
}

int Command::printStats(TaskStore& store, qint64 windowMs, bool json)
{
    auto counts = store.countTasks();
    if (!counts)
        return fail(counts.error());
    auto now = store.databaseTime();
    if (!now)
        return fail(now.error());
    // Per-minute statistics are kept for at least a day; a longer window is read from the hourly ones, from the top
    // of its first hour.
    QDateTime since = now->addMSecs(-windowMs);
    qint64 bucketMs = 60'000;
    if (windowMs > 24 * 3'600'000LL) {
        bucketMs = 3'600'000;
        since = QDateTime::fromMSecsSinceEpoch(since.toMSecsSinceEpoch() / bucketMs * bucketMs, Qt::UTC);
    }
    auto rows = store.stats(since, bucketMs);
    if (!rows)
        return fail(rows.error());
    auto workers = store.workers();
    if (!workers)
        return fail(workers.error());
    auto orphaned = store.handlersWithoutWorker();
    if (!orphaned)
        return fail(orphaned.error());

    const QStringList states = displayStateNames();
    std::map<QString, std::map<QString, qint64>> byQueue;
    std::map<QString, qint64> totals;
    for (const StateCount& c : std::as_const(*counts)) {
        byQueue[c.queue][stateName(c.state)] += c.count;
        totals[stateName(c.state)] += c.count;
    }
    struct Throughput
    {
        qint64 count = 0;
        qint64 durationMs = 0;
        qint64 latencyMs = 0;
    };
    std::map<QString, std::map<QString, Throughput>> throughput; // queue → outcome
    for (const StatsRow& r : std::as_const(*rows)) {
        Throughput& t = throughput[r.queue][outcomeName(r.outcome)];
        t.count += r.count;
        t.durationMs += r.durationMsSum;
        t.latencyMs += r.latencyMsSum;
    }

    if (json) {
        QJsonObject queues;
        for (const auto& [queue, perState] : byQueue) {
            QJsonObject o;
            for (const QString& state : states)
                o[state] = perState.count(state) ? perState.at(state) : 0;
            queues[queue] = o;
        }
        QJsonObject total;
        for (const QString& state : states)
            total[state] = totals.count(state) ? totals.at(state) : 0;
        QJsonObject recent;
        for (const auto& [queue, perOutcome] : throughput) {
            QJsonObject q;
            for (const auto& [outcome, t] : perOutcome) {
                QJsonObject o;
                o[u"count"] = t.count;
                o[u"avg_duration_ms"] = t.count ? double(t.durationMs) / t.count : 0.0;
                o[u"avg_queue_latency_ms"] = t.count ? double(t.latencyMs) / t.count : 0.0;
                q[outcome] = o;
            }
            recent[queue] = q;
        }
        QJsonObject o;
        o[u"counts"] = queues;
        o[u"totals"] = total;
        o[u"window_ms"] = windowMs;
        o[u"throughput"] = recent;
        QJsonArray workerList;
        for (const WorkerInfo& w : std::as_const(*workers)) {
            QJsonObject wo;
            wo[u"id"] = w.id;
            wo[u"host"] = w.host;
            wo[u"pid"] = w.pid;
            wo[u"handlers"] = QJsonArray::fromStringList(w.handlers);
            wo[u"queues"] = QJsonArray::fromStringList(w.queues);
            wo[u"concurrency"] = w.concurrency;
            wo[u"in_flight"] = w.inFlight;
            wo[u"heartbeat_at"] = jsonTime(w.heartbeatAt);
            wo[u"stopping"] = w.stopping;
            workerList.append(wo);
        }
        o[u"workers"] = workerList;
        o[u"handlers_without_worker"] = QJsonArray::fromStringList(*orphaned);
        printJson(QJsonDocument(o));
        return int(ExitCode::Ok);
    }

    m_out << QStringLiteral("%1").arg(tr("QUEUE"), -16);
    for (const QString& state : states)
        m_out << QStringLiteral(" %1").arg(state, 10);
    m_out << '\n';
    auto printRow = [&](const QString& name, const std::map<QString, qint64>& perState) {
        m_out << QStringLiteral("%1").arg(oneLine(name, 16), -16);
        for (const QString& state : states)
            m_out << QStringLiteral(" %1").arg(perState.count(state) ? perState.at(state) : 0, 10);
        m_out << '\n';
    };
    for (const auto& [queue, perState] : byQueue)
        printRow(queue, perState);
    printRow(tr("(all)"), totals);
    m_out << '\n' << tr("Runs in the last %1:").arg(formatDurationMs(windowMs)) << '\n';
    if (throughput.empty())
        m_out << tr("  none") << '\n';
    for (const auto& [queue, perOutcome] : throughput) {
        QStringList parts;
        for (const auto& [outcome, t] : perOutcome) {
            QString part = QStringLiteral("%1 %2").arg(outcome).arg(t.count);
            if (t.count && outcome != QLatin1String("lost"))
                part += tr(" (avg %1, waited %2)")
                            .arg(formatDurationMs(t.durationMs / t.count), formatDurationMs(t.latencyMs / t.count));
            parts << part;
        }
        m_out << QStringLiteral("  %1: ").arg(queue) << parts.join(QLatin1String(", ")) << '\n';
    }
    m_out << '\n' << tr("Workers: %1").arg(workers->size()) << '\n';
    for (const WorkerInfo& w : std::as_const(*workers))
        m_out << tr("  %1  %2/%3 busy%4, handlers %5")
                     .arg(w.id)
                     .arg(w.inFlight)
                     .arg(w.concurrency)
                     .arg(w.stopping ? tr(", stopping") : QString(), w.handlers.join(u", "))
              << '\n';
    if (!orphaned->isEmpty())
        m_out << tr("Pending tasks wait for handlers that no live worker offers: %1").arg(orphaned->join(u", "))
              << '\n';
    m_out.flush();
    return int(ExitCode::Ok);
}

} // namespace taskdeck
