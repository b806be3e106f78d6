#include "executor/BuiltinHandlers.h"

#include "common/Translate.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace taskdeck {

namespace {

QJsonObject payloadObject(const QString& payload)
{
    return QJsonDocument::fromJson(payload.toUtf8()).object();
}

HandlerOutcome sleepHandler(HandlerContext& context)
{
    const qint64 total = std::max<qint64>(0, payloadObject(context.payload).value(u"ms").toInteger(0));
    const qint64 step = std::clamp<qint64>(total / 10, 10, 1000);
    qint64 slept = 0;
    while (slept < total) {
        const qint64 chunk = std::min(step, total - slept);
        if (context.token && context.token->waitFor(chunk))
            return HandlerOutcome::failure(tr("stopped after %1 of %2 ms").arg(slept).arg(total));
        slept += chunk;
        if (context.progress)
            context.progress(int(slept * 100 / total), tr("slept %1 of %2 ms").arg(slept).arg(total));
    }
    return HandlerOutcome::success(QStringLiteral("{\"slept_ms\": %1}").arg(total));
}

HandlerOutcome failHandler(HandlerContext& context)
{
    const QJsonObject payload = payloadObject(context.payload);
    const QString message = payload.value(u"message").toString(tr("failed on purpose (builtin 'fail')"));
    return HandlerOutcome::failure(message, payload.value(u"retryable").toBool(true));
}

} // namespace

FunctionHandler::FunctionHandler(Function function)
    : m_function(std::move(function))
{ }

HandlerOutcome FunctionHandler::run(HandlerContext& context) const
{
    return m_function(context);
}

QString FunctionHandler::kind() const
{
    return QStringLiteral("builtin");
}

std::shared_ptr<Handler> makeBuiltinHandler(const QString& name, const QJsonObject& options)
{
    if (name == QLatin1String("journal")) {
        const QString path = options.value(u"file").toString();
        if (path.isEmpty())
            return nullptr;
        const qint64 ms = options.value(u"ms").toInteger(0);
        return std::make_shared<FunctionHandler>([path, ms](HandlerContext& context) {
            auto line = [&](const char* what) {
                QFile file(path);
                if (!file.open(QIODevice::Append | QIODevice::Text))
                    return false;
                const QByteArray text = QByteArray(what) + ' ' + QByteArray::number(context.taskId) + ' ' +
                    QByteArray::number(context.attempt) + ' ' + QByteArray::number(QCoreApplication::applicationPid()) +
                    ' ' + QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + '\n';
                return file.write(text) == text.size(); // one write() on an O_APPEND file: lines never interleave
            };
            if (!line("start"))
                return HandlerOutcome::failure(tr("cannot append to the journal %1").arg(path));
            if (ms > 0 && context.token && context.token->waitFor(ms))
                return HandlerOutcome::failure(tr("stopped"));
            if (!line("end"))
                return HandlerOutcome::failure(tr("cannot append to the journal %1").arg(path));
            return HandlerOutcome::success();
        });
    }
    if (name == QLatin1String("noop"))
        return std::make_shared<FunctionHandler>([](HandlerContext&) { return HandlerOutcome::success(); });
    if (name == QLatin1String("sleep"))
        return std::make_shared<FunctionHandler>(sleepHandler);
    if (name == QLatin1String("fail"))
        return std::make_shared<FunctionHandler>(failHandler);
    if (name == QLatin1String("echo"))
        return std::make_shared<FunctionHandler>(
            [](HandlerContext& context) { return HandlerOutcome::success(context.payload); });
    return nullptr;
}

QStringList builtinHandlerNames()
{
    return {QStringLiteral("noop"), QStringLiteral("sleep"), QStringLiteral("fail"), QStringLiteral("echo"),
            QStringLiteral("journal")};
}

} // namespace taskdeck
