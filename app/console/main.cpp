#include "client/AgentClient.h"
#include "common/Translations.h"
#include "db/Locator.h"
#include "db/SqlThreadGuard.h"
#include "ui/MainWindow.h"
#include "ui/SortArrowStyle.h"
#include "ui/Theme.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QStyle>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>
#include <cstring>

namespace {

const char kUsage[] = "Usage: taskdeck [--demo [--demo-db FILE]] [--db LOCATOR]... [--help] [--version]\n"
                      "\n"
                      "TaskDeck operator console.\n"
                      "\n"
                      "  --demo           open the embedded SQLite demo database: a built-in producer keeps\n"
                      "                   enqueuing order cancellations, report exports, loyalty points and\n"
                      "                   notifications, and the local executor runs them\n"
                      "  --demo-db FILE   where the demo database lives (default: the user's data folder)\n"
                      "  --db LOCATOR     open this database (sqlite:FILE, postgresql://…, odbc:…); the password\n"
                      "                   comes from TASKDECK_DB_PASSWORD, never from the command line\n"
                      "  --agent LOCATOR  show the SQL Server Agent one-off jobs of this SQL Server database\n"
                      "                   (odbc:…): the async-task pattern, monitored and repaired as it runs\n"
                      "  --tab NAME       show this tab first: overview, tasks, workers, queues, schedules,\n"
                      "                   audit, executor\n"
                      "  --theme NAME     light, dark or system (default: the View > Theme setting)\n"
                      "  --language NAME  the language for this run, e.g. en or zh_CN (default: the setting)\n"
                      "  --screenshot FILE  save a picture of the window to FILE after --screenshot-delay\n"
                      "                   seconds (default 10), then quit: how the README's pictures are made\n"
                      "  --help           this text\n"
                      "  --version        the version\n";

} // namespace

int main(int argc, char* argv[])
{
    // --help and --version answer before the QApplication exists: without a display it would abort.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0) {
            std::printf("taskdeck %s\n", TASKDECK_VERSION_STRING);
            return 0;
        }
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::fputs(kUsage, stdout);
            return 0;
        }
    }
    bool demo = false;
    QString demoDb;
    QStringList databases;
    QStringList agentDatabases;
    QString tab;
    QString screenshot;
    QString theme;
    QString language;
    bool styleChosen = qEnvironmentVariableIsSet("QT_STYLE_OVERRIDE");
    int screenshotDelayS = 10;
    for (int i = 1; i < argc; ++i) {
        const char* arg = argv[i];
        if (std::strcmp(arg, "--demo") == 0) {
            demo = true;
        } else if (i + 1 < argc &&
                   (std::strcmp(arg, "--demo-db") == 0 || std::strcmp(arg, "--db") == 0 ||
                    std::strcmp(arg, "--agent") == 0 || std::strcmp(arg, "--tab") == 0 ||
                    std::strcmp(arg, "--screenshot") == 0 || std::strcmp(arg, "--screenshot-delay") == 0 ||
                    std::strcmp(arg, "--theme") == 0 || std::strcmp(arg, "--language") == 0)) {
            const QString value = QString::fromLocal8Bit(argv[++i]);
            if (std::strcmp(arg, "--db") == 0)
                databases << value;
            else if (std::strcmp(arg, "--agent") == 0)
                agentDatabases << value;
            else if (std::strcmp(arg, "--demo-db") == 0)
                demoDb = value;
            else if (std::strcmp(arg, "--tab") == 0)
                tab = value;
            else if (std::strcmp(arg, "--screenshot") == 0)
                screenshot = value;
            else if (std::strcmp(arg, "--theme") == 0)
                theme = value;
            else if (std::strcmp(arg, "--language") == 0)
                language = value;
            else
                screenshotDelayS = std::max(1, value.toInt());
        } else if (std::strncmp(arg, "-style", 6) == 0) {
            styleChosen = true;
        } else if (arg[0] == '-' && std::strncmp(arg, "-platform", 9) != 0) {
            std::fprintf(stderr, "taskdeck: unknown option '%s' (or a missing value)\n\n%s", arg, kUsage);
            return 2;
        }
    }

    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TaskDeck"));
    QCoreApplication::setApplicationName(QStringLiteral("taskdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TASKDECK_VERSION_STRING));
    taskdeck::installTranslations(
        taskdeck::localeForLanguage(language.isEmpty() ? taskdeck::MainWindow::languageSetting() : language));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/taskdeck/icons/taskdeck.svg")));
    // Fusion (or the style chosen with -style) with the sort arrows pointing the way the values run, and the palette
    // of the theme: Fusion draws light and dark alike on every platform.
    taskdeck::Theme::notePlatformPalette();
    const QString style = styleChosen ? QApplication::style()->name() : QStringLiteral("Fusion");
    QApplication::setStyle(new taskdeck::SortArrowStyle(QStyleFactory::create(style)));
    taskdeck::Theme::apply(theme.isEmpty() ? taskdeck::Theme::setting() : taskdeck::Theme::choiceFromName(theme));
    // Every statement belongs on a client thread; the guard counts any that slips onto this one.
    taskdeck::SqlThreadGuard::guardThread(app.thread());

    taskdeck::MainWindow window;
    if (demo)
        window.openDemo(demoDb);
    for (const QString& text : std::as_const(databases)) {
        auto locator = taskdeck::Locator::parse(text);
        if (!locator) {
            taskdeck::Dialogs::standard()->warn(&window, QObject::tr("Open database"), locator.error().message);
            continue;
        }
        window.openDatabase(*locator, {});
    }
    for (const QString& text : std::as_const(agentDatabases)) {
        auto locator = taskdeck::Locator::parse(text);
        if (!locator) {
            taskdeck::Dialogs::standard()->warn(&window, QObject::tr("Open SQL Server Agent jobs"),
                                                locator.error().message);
            continue;
        }
        window.openAgentJobs(locator->redacted(), taskdeck::AgentClient::openerFor(*locator));
    }
    if (!tab.isEmpty()) {
        static const QStringList tabs{
            QStringLiteral("overview"),  QStringLiteral("tasks"), QStringLiteral("workers"), QStringLiteral("queues"),
            QStringLiteral("schedules"), QStringLiteral("audit"), QStringLiteral("executor")};
        if (taskdeck::ConnectionPage* page = window.currentPage())
            page->tabs()->setCurrentIndex(std::max<int>(0, int(tabs.indexOf(tab))));
    }
    window.show();
    if (!screenshot.isEmpty()) {
        QTimer::singleShot(screenshotDelayS * 1000, &window, [&window, screenshot] {
            const bool saved = window.grab().save(screenshot);
            std::fprintf(saved ? stdout : stderr, "taskdeck: %s %s\n", saved ? "saved" : "cannot save",
                         qPrintable(screenshot));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}
