#include "app/ctl/CtlCommandLine.h"
#include "common/Translations.h"

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
    // Messages in the language of the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG); scripts that parse the
    // output use --json, whose keys and values never change with the language.
    taskdeck::installTranslations(QLocale::system());

    QTextStream out(stdout);
    QTextStream err(stderr);
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return 1;
    taskdeck::CtlCommandLine commandLine(out, err, &in);
    return commandLine.run(QCoreApplication::arguments());
}
