#include "demo/DemoWorkload.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace taskdeck::demo {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("taskdeck::demo", text);
}

// Waits ms, reporting progress in steps; false when the worker asked the handler to stop.
bool work(HandlerContext& context, qint64 ms, int steps, const QString& what)
{
    for (int step = 1; step <= steps; ++step) {
        if (context.token && context.token->waitFor(ms / steps))
            return false;
        if (context.progress && steps > 1)
            context.progress(step * 100 / steps, what);
    }
    return true;
}

HandlerOutcome stopped()
{
    return HandlerOutcome::failure(tr("stopped before it finished"));
}

QJsonObject payloadOf(const HandlerContext& context)
{
    return QJsonDocument::fromJson(context.payload.toUtf8()).object();
}

} // namespace

Status addRecurringWork(TaskStore& store)
{
    auto existing = store.schedule(QStringLiteral("loyalty-refresh"));
    if (!existing)
        return existing.error();
    if (!existing->has_value()) {
        ScheduleDefinition refresh;
        refresh.name = QStringLiteral("loyalty-refresh");
        refresh.cron = QStringLiteral("*/20 * * * * *");
        refresh.handler = QStringLiteral("loyalty.recompute");
        refresh.queue = QStringLiteral("loyalty");
        refresh.payload = QStringLiteral("{\"scope\": \"all customers\"}");
        refresh.missed = MissedPolicy::Skip;
        if (auto added = store.addSchedule(refresh); !added)
            return added.error();
    }
    auto subscribers = store.subscriptions(QStringLiteral("order.created"));
    if (!subscribers)
        return subscribers.error();
    if (!subscribers->isEmpty())
        return {};
    for (const auto& [handler, queue] : {std::pair{QStringLiteral("notify.send"), QStringLiteral("notifications")},
                                         std::pair{QStringLiteral("loyalty.recompute"), QStringLiteral("loyalty")}}) {
        if (auto s = store.subscribe({QStringLiteral("order.created"), handler, queue, 0, {}}); !s)
            return s;
    }
    return {};
}

Result<QList<EnqueueResult>> publishOrder(TaskStore& store, int number)
{
    return store.publish(QStringLiteral("order.created"),
                         QStringLiteral("{\"order_id\": %1, \"to\": \"customer-%2@example.com\", \"template\": "
                                        "\"order_confirmed\", \"customer\": \"customer-%2\"}")
                             .arg(200'000 + number)
                             .arg(number % 37));
}

QList<EnqueueRequest> sampleTasks(int count, int firstNumber)
{
    QList<EnqueueRequest> requests;
    requests.reserve(count);
    for (int i = 0; i < count; ++i) {
        const int n = firstNumber + i;
        EnqueueRequest request;
        switch (n % 8) {
        case 0:
        case 4: {
            // "Cancel the order if it is still unpaid 30 minutes after it was placed", compressed to seconds.
            request.handler = QStringLiteral("orders.cancel_unpaid");
            request.queue = QStringLiteral("orders");
            request.priority = 10;
            request.delayMs = 2'000 + (n % 5) * 1'000;
            request.uniqueKey = QStringLiteral("cancel-order-%1").arg(100'000 + n);
            request.payload =
                QStringLiteral("{\"order_id\": %1, \"placed_by\": \"customer-%2\"}").arg(100'000 + n).arg(n % 37);
            break;
        }
        case 1:
        case 5:
            request.handler = QStringLiteral("notify.send");
            request.queue = QStringLiteral("notifications");
            request.priority = 5;
            request.payload = QStringLiteral("{\"to\": \"customer-%1@example.com\", \"template\": \"%2\"}")
                                  .arg(n % 37)
                                  .arg(n % 2 ? QStringLiteral("order_shipped") : QStringLiteral("order_confirmed"));
            break;
        case 2:
        case 6:
            request.handler = QStringLiteral("loyalty.recompute");
            request.queue = QStringLiteral("loyalty");
            request.payload = QStringLiteral("{\"customer\": \"customer-%1\"}").arg(n % 37);
            break;
        default:
            request.handler = QStringLiteral("reports.export");
            request.queue = QStringLiteral("reports");
            request.payload = QStringLiteral("{\"report\": \"%1\", \"format\": \"csv\", \"day\": \"2026-11-%2\"}")
                                  .arg(n % 11 == 0 ? QStringLiteral("monthly") : QStringLiteral("daily_sales"))
                                  .arg(1 + n % 28, 2, 10, QLatin1Char('0'));
            break;
        }
        requests << request;
    }
    return requests;
}

void addHandlers(HandlerRegistry& registry)
{
    registry.add(QStringLiteral("orders.cancel_unpaid"), [](HandlerContext& context) {
        if (!work(context, 80 + QRandomGenerator::global()->bounded(120), 1, {}))
            return stopped();
        const bool paid = QRandomGenerator::global()->bounded(3) == 0;
        return HandlerOutcome::success(paid ? QStringLiteral("{\"cancelled\": false, \"reason\": \"paid\"}")
                                            : QStringLiteral("{\"cancelled\": true}"));
    });
    registry.add(QStringLiteral("notify.send"), [](HandlerContext& context) {
        if (!work(context, 50 + QRandomGenerator::global()->bounded(150), 1, {}))
            return stopped();
        if (QRandomGenerator::global()->bounded(100) < 30)
            return HandlerOutcome::failure(tr("SMTP server answered 451 4.7.1: try again later"));
        return HandlerOutcome::success(QStringLiteral("{\"delivered\": true}"));
    });
    registry.add(QStringLiteral("loyalty.recompute"), [](HandlerContext& context) {
        if (!work(context, 200 + QRandomGenerator::global()->bounded(400), 2, tr("summing orders")))
            return stopped();
        return HandlerOutcome::success(
            QStringLiteral("{\"points\": %1}").arg(QRandomGenerator::global()->bounded(50, 5000)));
    });
    registry.add(QStringLiteral("reports.export"), [](HandlerContext& context) {
        if (payloadOf(context).value(u"report").toString() == QLatin1String("monthly"))
            return HandlerOutcome::failure(tr("report template 'monthly' not found in /srv/reports/templates"), false);
        if (!work(context, 1'500 + QRandomGenerator::global()->bounded(2'500), 10, tr("writing rows")))
            return stopped();
        return HandlerOutcome::success(QStringLiteral("{\"rows\": %1, \"file\": \"daily_sales.csv\"}")
                                           .arg(QRandomGenerator::global()->bounded(100, 20000)));
    });
}

StoreOptions storeOptions()
{
    StoreOptions options;
    options.retryPolicy.baseDelayMs = 1'000;
    options.retryPolicy.maxDelayMs = 8'000;
    options.retryPolicy.maxAttempts = 3;
    return options;
}

} // namespace taskdeck::demo
