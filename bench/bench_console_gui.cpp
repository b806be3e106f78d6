// The console itself on a large database (fill one with bench_console first): time from opening the connection to
// a full overview, the longest stall of the GUI thread while the overview refreshes and the task list is scrolled
// through many pages, and the process's resident memory at the end. Runs offscreen.
//
//   bench_console_gui --db LOCATOR [--pages N] [--seconds S] [--stall-seconds T]
//
// With --stall-seconds (a server locator: postgresql:// or ODBC with SERVER and PORT), the console reaches the
// server through a TCP relay in this process that then stops passing bytes for T seconds, as a server that hangs or
// a network that drops everything: the GUI thread's longest stall in that phase, what the console says meanwhile,
// and how long after the relay passes bytes again the overview is fresh. The relay adds a thread hop to every round
// trip: opening and scrolling through it take longer than without it.
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
#include <QRegularExpression>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>

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

// Passes bytes between the console and the server on a thread of its own, or holds them while stalled (they wait in
// the sockets and go on when the stall ends).
class StallingRelay : public QObject
{
public:
    StallingRelay(QString upstreamHost, quint16 upstreamPort)
        : m_upstreamHost(std::move(upstreamHost))
        , m_upstreamPort(upstreamPort)
    {
        m_thread.start();
        moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_server = new QTcpServer(this);
                connect(m_server, &QTcpServer::newConnection, this, &StallingRelay::accept);
                if (m_server->listen(QHostAddress::LocalHost, 0))
                    m_port = m_server->serverPort();
            },
            Qt::BlockingQueuedConnection);
    }
    ~StallingRelay() override
    {
        QMetaObject::invokeMethod(
            this, [this] { qDeleteAll(children()); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    quint16 port() const { return m_port; }
    void setStalled(bool stalled)
    {
        m_stalled = stalled;
        if (!stalled)
            QMetaObject::invokeMethod(this, [this] { pumpAll(); });
    }

private:
    struct Link
    {
        QTcpSocket* console;
        QTcpSocket* server;
    };

    void accept()
    {
        while (QTcpSocket* console = m_server->nextPendingConnection()) {
            auto* server = new QTcpSocket(this);
            m_links.append(Link{console, server});
            const auto pump = [this] { pumpAll(); };
            connect(console, &QTcpSocket::readyRead, this, pump);
            connect(server, &QTcpSocket::readyRead, this, pump);
            connect(server, &QTcpSocket::connected, this, pump);
            connect(console, &QTcpSocket::disconnected, server, &QTcpSocket::disconnectFromHost);
            connect(server, &QTcpSocket::disconnected, console, &QTcpSocket::disconnectFromHost);
            server->connectToHost(m_upstreamHost, m_upstreamPort);
        }
    }

    void pumpAll()
    {
        if (m_stalled)
            return;
        for (const Link& link : std::as_const(m_links)) {
            if (link.server->state() != QAbstractSocket::ConnectedState)
                continue;
            if (link.console->bytesAvailable() > 0)
                link.server->write(link.console->readAll());
            if (link.server->bytesAvailable() > 0)
                link.console->write(link.server->readAll());
        }
    }

    QThread m_thread;
    QString m_upstreamHost;
    quint16 m_upstreamPort;
    QTcpServer* m_server = nullptr;
    quint16 m_port = 0;
    std::atomic<bool> m_stalled{false};
    QList<Link> m_links;
};

// The locator's server address replaced by the relay's; empty if the locator names no server this can rewrite.
QString throughRelay(const QString& locatorText, QString* host, quint16* port, quint16 relayPort)
{
    static const QRegularExpression postgres(QStringLiteral("^(postgresql://[^@/]*@)([^:/]+):(\\d+)(/.*)$"));
    if (const auto m = postgres.match(locatorText); m.hasMatch()) {
        *host = m.captured(2);
        *port = quint16(m.captured(3).toUInt());
        return m.captured(1) + QStringLiteral("127.0.0.1:") + QString::number(relayPort) + m.captured(4);
    }
    if (!locatorText.startsWith(QLatin1String("odbc:")))
        return {};
    QStringList parts;
    for (const auto& [key, value] : Locator::splitOdbcConnectionString(locatorText.mid(5))) {
        if (key.compare(QLatin1String("SERVER"), Qt::CaseInsensitive) == 0) {
            *host = value;
            parts << key + QStringLiteral("=127.0.0.1");
        } else if (key.compare(QLatin1String("PORT"), Qt::CaseInsensitive) == 0) {
            *port = quint16(value.toUInt());
            parts << key + QLatin1Char('=') + QString::number(relayPort);
        } else {
            parts << key + QLatin1Char('=') + Locator::quoteOdbcValue(value);
        }
    }
    return host->isEmpty() || *port == 0 ? QString() : QStringLiteral("odbc:") + parts.join(QLatin1Char(';'));
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
    const QCommandLineOption stallOption(QStringLiteral("stall-seconds"),
                                         QStringLiteral("Then let the server stop answering this long (default 0: "
                                                        "not at all; server locators only)."),
                                         QStringLiteral("T"));
    parser.addOptions({dbOption, pagesOption, secondsOption, stallOption});
    parser.addHelpOption();
    parser.process(app);
    if (!parser.isSet(dbOption))
        die(QStringLiteral("--db is required (fill a database with bench_console first)"));
    const int pages = parser.isSet(pagesOption) ? parser.value(pagesOption).toInt() : 100;
    const int seconds = parser.isSet(secondsOption) ? parser.value(secondsOption).toInt() : 10;
    const int stallSeconds = parser.isSet(stallOption) ? parser.value(stallOption).toInt() : 0;
    std::unique_ptr<StallingRelay> relay;
    QString locatorText = parser.value(dbOption);
    if (stallSeconds > 0) {
        QString upstreamHost;
        quint16 upstreamPort = 0;
        // The relay's port is known only once it listens, and the upstream address only from the locator.
        if (throughRelay(locatorText, &upstreamHost, &upstreamPort, 1).isEmpty())
            die(QStringLiteral("--stall-seconds needs a server locator with a host and port"));
        relay = std::make_unique<StallingRelay>(upstreamHost, upstreamPort);
        if (relay->port() == 0)
            die(QStringLiteral("cannot listen on 127.0.0.1 for the relay"));
        locatorText = throughRelay(locatorText, &upstreamHost, &upstreamPort, relay->port());
    }
    const Locator locator = check(Locator::parse(locatorText));

    // The GUI thread's pulse: how late each 5 ms tick comes is how long the thread was busy.
    constexpr int kTickMs = 5;
    QElapsedTimer pulse;
    qint64 lastTickMs = 0;
    qint64 longestStallMs = 0;
    QString longestStallDuring;
    qint64 phaseLongestStallMs = 0;
    QString phase = QStringLiteral("opening");
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = pulse.elapsed();
        const qint64 late = now - lastTickMs - kTickMs;
        phaseLongestStallMs = std::max(phaseLongestStallMs, late);
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

    qint64 stalledPhaseLongestMs = -1;
    qint64 recoveredMs = -1;
    QString statusWhileStalled;
    if (relay) {
        phase = QStringLiteral("the server not answering");
        phaseLongestStallMs = 0;
        relay->setStalled(true);
        waitFor([] { return false; }, stallSeconds * 1000);
        statusWhileStalled = page.statusText();
        stalledPhaseLongestMs = phaseLongestStallMs;
        overviewReady = false;
        QElapsedTimer recovering;
        recovering.start();
        relay->setStalled(false);
        if (waitFor([&] { return overviewReady; }, 120'000))
            recoveredMs = recovering.elapsed();
    }

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
    if (relay) {
        out() << QStringLiteral("%1  %2 ms\n")
                     .arg(QStringLiteral("longest GUI-thread stall, server silent %1 s").arg(stallSeconds), -48)
                     .arg(stalledPhaseLongestMs, 8);
        out() << QStringLiteral("%1  %2\n")
                     .arg(QStringLiteral("the console said meanwhile"), -48)
                     .arg(statusWhileStalled);
        out() << QStringLiteral("%1  %2 ms\n")
                     .arg(QStringLiteral("a fresh overview after the server answers again"), -48)
                     .arg(recoveredMs, 8);
    }
    out() << QStringLiteral("%1  %2 MB\n")
                 .arg(QStringLiteral("resident memory"), -48)
                 .arg(residentMegabytes(), 8, 'f', 0);
    return 0;
}
