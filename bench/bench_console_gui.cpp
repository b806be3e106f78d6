// The console itself on a large database (fill one with bench_console first): time from opening the connection to
// a full overview, the longest stall of the GUI thread while the overview refreshes and the task list is scrolled
// through many pages, and the process's resident memory at the end. Runs offscreen.
//
//   bench_console_gui --db LOCATOR [--pages N] [--seconds S]
//
// The GUI thread is sampled by a 5 ms timer: a stall is how much later than due a tick fires. Passwords come from
// TASKDECK_DB_PASSWORD.

#include "BenchSupport.h"
#include "models/OverviewModel.h"
#include "models/TaskListModel.h"
#include "ui/ConnectionPage.h"
#include "ui/TasksView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QTableView>
#include <QTimer>

#include <algorithm>

using namespace taskdeck;
using namespace taskdeck::bench;

namespace {

// Resident memory in MB from /proc (Linux); -1 elsewhere.
double residentMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

// Runs the event loop until done() holds or the time runs out.
bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    }
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Database locator."), QStringLiteral("URL"));
    const QCommandLineOption pagesOption(QStringLiteral("pages"),
                                         QStringLiteral("Pages of the task list to scroll through (default 100)."),
                                         QStringLiteral("N"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("Then watch live refreshes this long (default 10)."),
                                           QStringLiteral("S"));
    parser.addOptions({dbOption, pagesOption, secondsOption});
    parser.addHelpOption();
    parser.process(app);
    if (!parser.isSet(dbOption))
        die(QStringLiteral("--db is required (fill a database with bench_console first)"));
    const int pages = parser.isSet(pagesOption) ? parser.value(pagesOption).toInt() : 100;
    const int seconds = parser.isSet(secondsOption) ? parser.value(secondsOption).toInt() : 10;
    const Locator locator = check(Locator::parse(parser.value(dbOption)));

    // The GUI thread's pulse: how late each 5 ms tick comes is how long the thread was busy.
    constexpr int kTickMs = 5;
    QElapsedTimer pulse;
    qint64 lastTickMs = 0;
    qint64 longestStallMs = 0;
    QString longestStallDuring;
    QString phase = QStringLiteral("opening");
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = pulse.elapsed();
        const qint64 late = now - lastTickMs - kTickMs;
        if (late > longestStallMs) {
            longestStallMs = late;
            longestStallDuring = phase;
        }
        lastTickMs = now;
    });
    pulse.start();
    ticker.start(kTickMs);

    QElapsedTimer opening;
    opening.start();
    ConnectionPage::Options options;
    options.title = QStringLiteral("bench");
    ConnectionPage page(locator, options);
    page.resize(1400, 900);
    page.show();
    bool overviewReady = false;
    QObject::connect(page.overviewModel(), &OverviewModel::updated, [&] { overviewReady = true; });
    if (!waitFor([&] { return overviewReady; }, 60'000))
        die(QStringLiteral("no overview within a minute: %1").arg(page.statusText()));
    const qint64 overviewMs = opening.elapsed();

    phase = QStringLiteral("scrolling the task list");
    TaskListModel* tasks = page.tasksView()->model();
    auto* table = page.tasksView()->findChild<QTableView*>();
    int loadedPages = 0;
    QElapsedTimer scrolling;
    scrolling.start();
    while (loadedPages < pages && !tasks->isComplete()) {
        if (!waitFor([&] { return !tasks->isLoading(); }, 60'000))
            die(QStringLiteral("a page did not load within a minute"));
        if (table)
            table->scrollToBottom(); // as a user dragging the scroll bar down: the view asks for more
        if (tasks->canFetchMore(QModelIndex()))
            tasks->fetchMore(QModelIndex());
        ++loadedPages;
    }
    waitFor([&] { return !tasks->isLoading(); }, 60'000);
    const qint64 scrollMs = scrolling.elapsed();
    const int rows = tasks->rowCount(QModelIndex());

    phase = QStringLiteral("live refreshes");
    waitFor([] { return false; }, seconds * 1000);

    out() << "database: " << locator.redacted() << "\n";
    out() << QStringLiteral("%1  %2 ms\n").arg(QStringLiteral("open to a full overview"), -48).arg(overviewMs, 8);
    out() << QStringLiteral("%1  %2 ms (%3 rows)\n")
                 .arg(QStringLiteral("scroll %1 pages of the task list").arg(loadedPages), -48)
                 .arg(scrollMs, 8)
                 .arg(rows);
    out() << QStringLiteral("%1  %2 ms (while %3)\n")
                 .arg(QStringLiteral("longest GUI-thread stall"), -48)
                 .arg(longestStallMs, 8)
                 .arg(longestStallDuring);
    out() << QStringLiteral("%1  %2 MB\n")
                 .arg(QStringLiteral("resident memory"), -48)
                 .arg(residentMegabytes(), 8, 'f', 0);
    return 0;
}
