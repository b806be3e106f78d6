#include "executor/ProcessHandler.h"

#include "common/TextRules.h"
#include "platform/ProcessTree.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>

namespace taskdeck {

namespace {

constexpr qsizetype kTailBytes = 4096;

// Keeps the last kTailBytes of a stream and hands complete lines to a callback.
class OutputTail
{
public:
    void append(const QByteArray& data, const std::function<void(const QByteArray&)>& onLine)
    {
        m_tail += data;
        if (m_tail.size() > kTailBytes)
            m_tail = m_tail.right(kTailBytes);
        m_line += data;
        qsizetype newline;
        while ((newline = m_line.indexOf('\n')) >= 0) {
            if (onLine)
                onLine(m_line.left(newline));
            m_line.remove(0, newline + 1);
        }
        if (m_line.size() > 64 * 1024)
            m_line.clear(); // a "line" this long is not a protocol line
    }
    void finish(const std::function<void(const QByteArray&)>& onLine)
    {
        if (!m_line.isEmpty() && onLine)
            onLine(m_line);
        m_line.clear();
    }
    QString text() const { return QString::fromUtf8(m_tail).trimmed(); }

private:
    QByteArray m_tail;
    QByteArray m_line;
};

} // namespace

QProcessEnvironment ProcessHandler::inheritedEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("TASKDECK_DB_PASSWORD"));
    return env;
}

QString ProcessHandler::kind() const
{
    return QStringLiteral("process");
}

HandlerOutcome ProcessHandler::run(HandlerContext& context) const
{
    QProcess process;
    ProcessTree tree; // after the process: it is destroyed first and ends whatever is still running
    if (auto prepared = tree.prepare(process, program, arguments); !prepared)
        return HandlerOutcome::failure(prepared.error().message);
    QProcessEnvironment env = inheritedEnvironment();
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    env.insert(QStringLiteral("TASKDECK_TASK_ID"), QString::number(context.taskId));
    env.insert(QStringLiteral("TASKDECK_ATTEMPT"), QString::number(context.attempt));
    env.insert(QStringLiteral("TASKDECK_MAX_ATTEMPTS"), QString::number(context.maxAttempts));
    env.insert(QStringLiteral("TASKDECK_QUEUE"), context.queue);
    env.insert(QStringLiteral("TASKDECK_HANDLER"), context.handler);
    process.setProcessEnvironment(env);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start();
    if (!process.waitForStarted(30'000))
        return HandlerOutcome::failure(
            tr("cannot start %1: %2 — check the handler's program and working directory in the worker configuration")
                .arg(program, process.errorString()));
    process.write(context.payload.toUtf8());
    process.closeWriteChannel();

    OutputTail out;
    OutputTail err;
    QString resultJson;
    static const QRegularExpression progressLine(QStringLiteral("^::progress\\s+(\\d{1,3})\\s*(.*)$"));
    auto onStdoutLine = [&](const QByteArray& raw) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.startsWith(QLatin1String("::result "))) {
            resultJson = line.mid(9).trimmed();
        } else if (const auto match = progressLine.match(line); match.hasMatch() && context.progress) {
            context.progress(std::min(match.captured(1).toInt(), 100), match.captured(2));
        }
    };
    auto drain = [&] {
        out.append(process.readAllStandardOutput(), onStdoutLine);
        err.append(process.readAllStandardError(), {});
    };

    bool stopped = false;
    while (!process.waitForFinished(50)) {
        drain();
        if (process.state() == QProcess::NotRunning)
            break;
        if (context.cancelled()) {
            stopped = true;
            tree.requestStop();
            QDeadlineTimer grace(killGraceMs);
            while (!process.waitForFinished(50) && !grace.hasExpired())
                drain();
            break;
        }
    }
    // Whatever is still running — the program after its grace period, or what it left behind — ends now.
    tree.end();
    drain();
    out.finish(onStdoutLine);

    const QString errTail = err.text();
    const QString outTail = out.text();
    QString details;
    if (!errTail.isEmpty())
        details += tr("\n--- standard error (end) ---\n") + errTail;
    if (!outTail.isEmpty())
        details += tr("\n--- standard output (end) ---\n") + outTail;

    if (stopped)
        return HandlerOutcome::failure(tr("stopped %1 and every process it started").arg(program) + details);
    if (process.exitStatus() == QProcess::CrashExit)
        return HandlerOutcome::failure(tr("%1 was killed by a signal or crashed").arg(program) + details);
    const int code = process.exitCode();
    if (ProcessTree::isStartFailure(code, errTail))
        return HandlerOutcome::failure(
            tr("cannot start %1 — check the handler's program and working directory in the worker configuration")
                .arg(program) +
            details);
    if (code == 0) {
        HandlerOutcome outcome = HandlerOutcome::success(resultJson);
        outcome.message = details.trimmed();
        return outcome;
    }
    if (code == kFailPermanently)
        return HandlerOutcome::failure(tr("%1 exited with 65: failed permanently").arg(program) + details, false);
    if (code == kRetryLater)
        return HandlerOutcome::failure(tr("%1 exited with 75: retry later").arg(program) + details, true);
    return HandlerOutcome::failure(tr("%1 exited with %2").arg(program).arg(code) + details, true);
}

} // namespace taskdeck
