// taskdeckctl subscribe, unsubscribe, subscriptions and publish: event fan-out.

#include "app/ctl/commands/EventCommands.h"

#include "app/ctl/CtlOutput.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace taskdeck {

int EventCommands::run(const Invocation& context)
{
    if (context.command == QLatin1String("subscribe"))
        return runSubscribe(context);
    if (context.command == QLatin1String("unsubscribe"))
        return runUnsubscribe(context);
    if (context.command == QLatin1String("subscriptions"))
        return runSubscriptions(context);
    if (context.command == QLatin1String("publish"))
        return runPublish(context);
    Q_UNREACHABLE();
    return int(ExitCode::Error);
}

int EventCommands::runSubscribe(const Invocation& context)
{
    QCommandLineParser parser;
    const QCommandLineOption queue(QStringLiteral("queue"), tr("Queue of the tasks (default: default)."),
                                   QStringLiteral("Q"));
    const QCommandLineOption priority(QStringLiteral("priority"), tr("Priority of the tasks (default 0)."),
                                      QStringLiteral("N"));
    parser.addOptions({queue, priority});
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("EVENT HANDLER"),
                      tr("Subscribe a handler to an event: each publish enqueues one task for it."), &code))
        return code;
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return usageError(context.command,
                          tr("give an EVENT and a HANDLER, e.g. subscribe order.created stock.reserve"));
    Subscription subscription;
    subscription.event = args.at(0);
    subscription.handler = args.at(1);
    if (parser.isSet(queue))
        subscription.queue = parser.value(queue);
    if (parser.isSet(priority)) {
        bool ok = false;
        subscription.priority = parser.value(priority).toInt(&ok);
        if (!ok)
            return usageError(context.command, tr("--priority takes a whole number"));
    }
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    if (auto s = (*store)->subscribe(subscription); !s)
        return fail(s.error());
    m_out << tr("%1 now gets a task on queue %2 for every %3")
                 .arg(subscription.handler, subscription.queue, subscription.event)
          << Qt::endl;
    return int(ExitCode::Ok);
}

int EventCommands::runUnsubscribe(const Invocation& context)
{
    QCommandLineParser parser;
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("EVENT HANDLER"), tr("Remove a subscription."), &code))
        return code;
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return usageError(context.command, tr("give an EVENT and a HANDLER"));
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    if (auto s = (*store)->unsubscribe(args.at(0), args.at(1)); !s)
        return fail(s.error());
    m_out << tr("%1 no longer gets tasks for %2").arg(args.at(1), args.at(0)) << Qt::endl;
    return int(ExitCode::Ok);
}

int EventCommands::runSubscriptions(const Invocation& context)
{
    QCommandLineParser parser;
    parser.addOption(jsonOption());
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("[EVENT]"), tr("List subscriptions."), &code))
        return code;
    const QStringList args = parser.positionalArguments();
    if (args.size() > 1)
        return usageError(context.command, tr("give at most one event"));
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    auto list = (*store)->subscriptions(args.value(0));
    if (!list)
        return fail(list.error());
    if (parser.isSet(jsonOption())) {
        QJsonArray array;
        for (const Subscription& s : std::as_const(*list)) {
            QJsonObject o;
            o[u"event"] = s.event;
            o[u"handler"] = s.handler;
            o[u"queue"] = s.queue;
            o[u"priority"] = s.priority;
            o[u"created_at"] = jsonTime(s.createdAt);
            array.append(o);
        }
        printJson(QJsonDocument(QJsonObject{{QStringLiteral("subscriptions"), array}}));
        return int(ExitCode::Ok);
    }
    if (list->isEmpty()) {
        m_out << tr("no subscriptions") << Qt::endl;
        return int(ExitCode::Ok);
    }
    m_out << QStringLiteral("%1 %2 %3 %4\n")
                 .arg(tr("EVENT"), -24)
                 .arg(tr("HANDLER"), -24)
                 .arg(tr("QUEUE"), -16)
                 .arg(tr("PRIORITY"));
    for (const Subscription& s : std::as_const(*list))
        m_out << QStringLiteral("%1 %2 %3 %4\n")
                     .arg(oneLine(s.event, 24), -24)
                     .arg(oneLine(s.handler, 24), -24)
                     .arg(oneLine(s.queue, 16), -16)
                     .arg(s.priority);
    m_out.flush();
    return int(ExitCode::Ok);
}

int EventCommands::runPublish(const Invocation& context)
{
    QCommandLineParser parser;
    const QCommandLineOption payload(QStringLiteral("payload"), tr("Event data as JSON, @FILE or - for stdin."),
                                     QStringLiteral("JSON"));
    parser.addOptions({payload, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("EVENT"),
                      tr("Publish an event: one task per subscription, all in one transaction. Prints the ids."),
                      &code))
        return code;
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return usageError(context.command, tr("give exactly one event name"));
    QString data;
    if (parser.isSet(payload)) {
        auto text = readPayloadOption(parser.value(payload));
        if (!text)
            return usageError(context.command, text.error().message);
        data = *text;
    }
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    auto published = (*store)->publish(args.first(), data);
    if (!published)
        return fail(published.error());
    if (parser.isSet(jsonOption())) {
        QJsonArray ids;
        for (const EnqueueResult& r : std::as_const(*published))
            ids.append(r.id);
        QJsonObject o;
        o[u"event"] = args.first();
        o[u"task_ids"] = ids;
        printJson(QJsonDocument(o));
        return int(ExitCode::Ok);
    }
    if (published->isEmpty())
        m_err
            << tr("taskdeckctl: nothing enqueued: no handler subscribes to %1 (see `subscriptions`)").arg(args.first())
            << Qt::endl;
    for (const EnqueueResult& r : std::as_const(*published))
        m_out << r.id << '\n';
    m_out.flush();
    return int(ExitCode::Ok);
}

} // namespace taskdeck
