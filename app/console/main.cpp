#include "ui/MainWindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>

#include <cstdio>
#include <cstring>

int main(int argc, char* argv[])
{
    // Answer --help/--version before creating the QApplication: without a display it would abort.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0) {
            std::printf("taskdeck %s\n", TASKDECK_VERSION_STRING);
            return 0;
        }
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::printf("Usage: taskdeck [--help] [--version]\n\nTaskDeck operator console.\n");
            return 0;
        }
    }
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TaskDeck"));
    QCoreApplication::setApplicationName(QStringLiteral("taskdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TASKDECK_VERSION_STRING));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/taskdeck/icons/taskdeck.svg")));

    taskdeck::MainWindow window;
    window.show();
    return app.exec();
}
