#pragma once

#include "app/ctl/Command.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

class QIODevice;

namespace taskdeck {

// The taskdeckctl command line: the global options, the help, and the verb that runs (app/ctl/commands/). Streams are
// injected so that tests run commands in-process and read the output.
class CtlCommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CtlCommandLine)

public:
    CtlCommandLine(QTextStream& out, QTextStream& err, QIODevice* in = nullptr);

    // arguments[0] is the program name, as in QCoreApplication::arguments().
    int run(const QStringList& arguments);

private:
    void printGlobalHelp();
    int usageError(const QString& message);

    QTextStream& m_out;
    QTextStream& m_err;
    QIODevice* m_in;
};

} // namespace taskdeck
