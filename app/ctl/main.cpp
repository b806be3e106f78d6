#include "app/ctl/CtlCommandLine.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TaskDeck"));
    QCoreApplication::setApplicationName(QStringLiteral("taskdeckctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TASKDECK_VERSION_STRING));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return 1;
    taskdeck::CtlCommandLine commandLine(out, err, &in);
    return commandLine.run(QCoreApplication::arguments());
}
