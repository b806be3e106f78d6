#pragma once

#include "common/Result.h"
#include "db/Locator.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include <memory>
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

// One taskdeckctl verb (or a family of verbs sharing their options), in its own file under app/ctl/commands/. The
// base is the door every command shares: parsing its options with --db and --help, finding and opening the
// database, and the one way errors, JSON and statistics are printed.
class Command
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    struct Streams
    {
        QTextStream& out;
        QTextStream& err;
        QIODevice* in = nullptr; // standard input, for --payload -
    };

    // What the user typed after the global options: the verb and its arguments.
    struct Invocation
    {
        QString command;
        QStringList arguments;
        std::optional<QString> dbFromGlobalOption;
    };

    explicit Command(const Streams& streams);
    virtual ~Command();
    Command(const Command&) = delete;
    Command& operator=(const Command&) = delete;

    virtual int run(const Invocation& context) = 0;

protected:
    // Adds --db and --help, parses; false with *exitCode set when the command should end here (help or an error).
    bool parseCommand(QCommandLineParser& parser, const Invocation& context, const QString& positionalSyntax,
                      const QString& description, int* exitCode);
    // --db, else the global --db, else TASKDECK_DB, else the embedded database (*isDefault).
    Result<Locator> resolveLocator(const QCommandLineParser& parser, const Invocation& context, bool* isDefault);
    Result<std::unique_ptr<TaskStore>> openStore(const QCommandLineParser& parser, const Invocation& context,
                                                 bool createOrUpgrade = false);
    // A --payload value: JSON text, @FILE, or - for standard input.
    Result<QString> readPayloadOption(const QString& value);

    int usageError(const QString& command, const QString& message);
    int fail(const Error& error);
    void printJson(const QJsonDocument& document);
    // Counts per state and queue, throughput over the last windowMs, and the workers (stats and demo).
    int printStats(TaskStore& store, qint64 windowMs, bool json);

    QTextStream& m_out;
    QTextStream& m_err;
    QIODevice* m_in;
};

} // namespace taskdeck
