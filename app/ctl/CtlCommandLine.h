#pragma once

#include "common/Result.h"
#include "db/Locator.h"
#include "store/Requests.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include <optional>

class QCommandLineParser;
class QIODevice;
class QJsonDocument;

namespace taskdeck {

class TaskStore;

// taskdeckctl's exit codes: scripts and other tools rely on them.
enum class ExitCode : int {
    Ok = 0,
    Error = 1,
    Usage = 2, // wrong arguments: nothing was written
    TaskFailed = 3,
    NotFinished = 4,
    NoSuchTask = 5,
};

// The taskdeckctl command line. Streams are injected so that tests run commands in-process and read the output.
class CtlCommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    CtlCommandLine(QTextStream& out, QTextStream& err, QIODevice* in = nullptr);

    // arguments[0] is the program name, as in QCoreApplication::arguments().
    int run(const QStringList& arguments);

private:
    struct Context
    {
        QString command;
        QStringList arguments;
        std::optional<QString> dbFromGlobalOption;
    };

    int runInit(const Context& context);
    int runEnqueue(const Context& context);
    int runStatus(const Context& context);
    int runList(const Context& context);
    // CtlBulkCommands.cpp
    struct BulkAction;
    int runRetry(const Context& context);
    int runDelete(const Context& context);
    int runBulkAction(const Context& context, const BulkAction& action);
    int runCancel(const Context& context);
    int runStats(const Context& context);
    int runDemo(const Context& context);
    int runWorker(const Context& context);
    int runQueue(const Context& context);
    // CtlScheduleCommands.cpp
    int runSchedule(const Context& context);
    int runSubscribe(const Context& context);
    int runUnsubscribe(const Context& context);
    int runSubscriptions(const Context& context);
    int runPublish(const Context& context);
    int runRetention(const Context& context);
    int runAudit(const Context& context);
    int runSearchIndex(const Context& context);
    // CtlAgentCommands.cpp
    int runAgent(const Context& context);

    // A --payload value: JSON text, @FILE, or - for standard input.
    Result<QString> readPayloadOption(const QString& value);

    int writeCsv(TaskStore& store, const TaskQuery& query, const QString& path);
    int printStats(TaskStore& store, qint64 windowMs, bool json);
    void printGlobalHelp();
    bool parseCommand(QCommandLineParser& parser, const Context& context, const QString& positionalSyntax,
                      const QString& description, int* exitCode);
    Result<Locator> resolveLocator(const QCommandLineParser& parser, const Context& context, bool* isDefault);
    Result<std::unique_ptr<TaskStore>> openStore(const QCommandLineParser& parser, const Context& context,
                                                 bool createOrUpgrade = false);
    int usageError(const QString& command, const QString& message);
    int fail(const Error& error);
    void printJson(const QJsonDocument& document);

    QTextStream& m_out;
    QTextStream& m_err;
    QIODevice* m_in;
};

} // namespace taskdeck
