#include "ui/MainWindow.h"

#include "client/AgentClient.h"
#include "common/Translations.h"
#include "demo/DemoWorkload.h"
#include "ui/ActionIcons.h"
#include "ui/AgentJobsView.h"
#include "ui/ConnectionDialog.h"
#include "ui/GuideDialog.h"
#include "ui/TasksView.h"
#include "ui/Theme.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTime>

namespace taskdeck {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_pages(new QTabWidget(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("TaskDeck"));
    setObjectName(QStringLiteral("mainWindow"));
    m_pages->setTabsClosable(true);
    m_pages->setMovable(true);
    setCentralWidget(m_pages);
    statusBar()->addWidget(m_status, 1);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    ActionIcons::attach(file->addAction(tr("&Open database…"), QKeySequence::Open, this, &MainWindow::openWithDialog),
                        QStringLiteral("openDatabase"));
    file->addAction(tr("Open the &demo database"), this, [this] { openDemo(); });
    file->addAction(tr("Open SQL Server &Agent jobs…"), this, &MainWindow::openAgentWithDialog);
    file->addAction(tr("&Close tab"), QKeySequence::Close, this, [this] { closePage(m_pages->currentIndex()); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* refresh = view->addAction(tr("&Refresh now"), this, [this] {
        if (ConnectionPage* page = currentPage()) {
            page->refreshNow();
            statusBar()->showMessage(
                tr("Refreshed at %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))), 3'000);
        }
    });
    refresh->setObjectName(QStringLiteral("refreshNow"));
    refresh->setShortcuts({QKeySequence::Refresh, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)});
    m_notifyOnFailure = view->addAction(tr("&Notify when tasks fail"));
    m_notifyOnFailure->setCheckable(true);
    QSettings settings;
    m_notifyOnFailure->setChecked(settings.value(QStringLiteral("notifyOnFailure"), true).toBool());
    connect(m_notifyOnFailure, &QAction::toggled, this,
            [](bool on) { QSettings().setValue(QStringLiteral("notifyOnFailure"), on); });
    addLanguageMenu(view->addMenu(tr("&Language")));
    addThemeMenu(view->addMenu(tr("T&heme")));
    // The task actions of the database shown, with their shortcuts: the same actions as the task list's buttons and
    // its context menu.
    QMenu* task = menuBar()->addMenu(tr("&Task"));
    task->setObjectName(QStringLiteral("taskMenu"));
    connect(task, &QMenu::aboutToShow, this, [this, task] { fillTaskMenu(task); });
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Console &guide"), QKeySequence::HelpContents, this, [this] {
        GuideDialog guide(this);
        m_dialogs->run(guide);
    });
    help->addAction(tr("&Keyboard shortcuts"), this,
                    [this] { m_dialogs->inform(this, tr("Keyboard shortcuts"), shortcutsText()); });
    help->addAction(tr("&About TaskDeck"), this, [this] {
        m_dialogs->inform(this, tr("About TaskDeck"),
                          tr("<b>TaskDeck %1</b><br>A task queue in the database you already run, and its "
                             "console.")
                              .arg(QStringLiteral(TASKDECK_VERSION_STRING)));
    });

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("TaskDeck"));
        m_tray->show();
    }

    connect(m_pages, &QTabWidget::tabCloseRequested, this, &MainWindow::closePage);
    connect(m_pages, &QTabWidget::currentChanged, this, &MainWindow::updateStatus);
    resize(1280, 800);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateStatus();
}

MainWindow::~MainWindow() = default;

QString MainWindow::languageSetting()
{
    return QSettings().value(QStringLiteral("language")).toString();
}

void MainWindow::addLanguageMenu(QMenu* menu)
{
    auto* group = new QActionGroup(menu);
    const QString current = languageSetting();
    auto addChoice = [&](const QString& label, const QString& language) {
        QAction* action = menu->addAction(label);
        action->setCheckable(true);
        action->setChecked(language == current);
        action->setData(language);
        group->addAction(action);
    };
    addChoice(tr("System language"), QString());
    menu->addSeparator();
    for (const Language& language : availableLanguages())
        addChoice(language.nativeName, language.name);
    connect(group, &QActionGroup::triggered, this, [this](QAction* action) {
        const QString language = action->data().toString();
        if (language == languageSetting())
            return;
        QSettings().setValue(QStringLiteral("language"), language);
        // Widgets are built with their texts; a restart is the one way every surface changes together.
        m_dialogs->inform(this, tr("Language"), tr("TaskDeck will use the new language the next time it starts."));
    });
}

void MainWindow::addThemeMenu(QMenu* menu)
{
    auto* group = new QActionGroup(menu);
    const Theme::Choice current = Theme::setting();
    for (const auto& [label, choice] :
         {std::pair{tr("Follow the &system"), Theme::Choice::System}, std::pair{tr("&Light"), Theme::Choice::Light},
          std::pair{tr("&Dark"), Theme::Choice::Dark}}) {
        QAction* action = menu->addAction(label);
        action->setCheckable(true);
        action->setChecked(choice == current);
        action->setData(int(choice));
        group->addAction(action);
    }
    // Applied at once: the palette changes everywhere, the charts and state colours with it.
    connect(group, &QActionGroup::triggered, this, [](QAction* action) {
        const auto choice = Theme::Choice(action->data().toInt());
        Theme::saveSetting(choice);
        Theme::apply(choice);
    });
}

ConnectionPage* MainWindow::openDatabase(const Locator& locator, ConnectionPage::Options options)
{
    if (options.title.isEmpty())
        options.title = locator.redacted();
    auto* page = new ConnectionPage(locator, options, m_pages);
    page->setDialogs(m_dialogs);
    const int index = m_pages->addTab(page, options.title);
    m_pages->setTabToolTip(index, locator.redacted());
    m_pages->setCurrentIndex(index);
    connect(page, &ConnectionPage::statusChanged, this, &MainWindow::updateStatus);
    connect(page, &ConnectionPage::tasksFailed, this, [this](const QString& database, qint64 count) {
        if (m_tray && m_notifyOnFailure->isChecked())
            m_tray->showMessage(tr("Tasks failed"),
                                tr("%n more failed task(s) in %1", nullptr, int(count)).arg(database),
                                QSystemTrayIcon::Warning);
    });
    return page;
}

ConnectionPage* MainWindow::openDemo(const QString& path)
{
    QString file = path;
    if (file.isEmpty()) {
        const QString dir =
            QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QLatin1String("/taskdeck");
        QDir().mkpath(dir);
        file = dir + QLatin1String("/demo.db");
    }
    auto locator = Locator::parse(QLatin1String("sqlite:") + QFileInfo(file).absoluteFilePath());
    if (!locator) {
        m_dialogs->warn(this, tr("Demo"), locator.error().message);
        return nullptr;
    }
    auto handlers = std::make_shared<HandlerRegistry>();
    demo::addHandlers(*handlers);
    ConnectionPage::Options options;
    options.title = tr("Demo");
    options.createSchemaIfMissing = true;
    options.localHandlers = handlers;
    options.startLocalExecutor = true;
    options.demoProducer = true;
    options.store = demo::storeOptions();
    return openDatabase(*locator, options);
}

AgentJobsView* MainWindow::openAgentJobs(const QString& title,
                                         std::function<Result<std::unique_ptr<AgentJobStore>>()> opener)
{
    auto* client = new AgentClient(std::move(opener));
    auto* view = new AgentJobsView(client, m_pages);
    view->setDialogs(m_dialogs);
    client->setParent(view); // the client's thread ends with the tab
    const int index = m_pages->addTab(view, tr("%1 (Agent jobs)").arg(title));
    m_pages->setTabToolTip(index, title);
    m_pages->setCurrentIndex(index);
    return view;
}

void MainWindow::openAgentWithDialog()
{
    ConnectionDialog dialog(this, m_dialogs);
    dialog.setWindowTitle(tr("Open SQL Server Agent jobs"));
    if (!m_dialogs->run(dialog))
        return;
    const ConnectionProfile profile = dialog.profile();
    auto locator = profile.locator(dialog.password());
    if (!locator) {
        m_dialogs->warn(this, tr("Open SQL Server Agent jobs"), locator.error().message);
        return;
    }
    openAgentJobs(profile.name.isEmpty() ? locator->redacted() : profile.name, AgentClient::openerFor(*locator));
}

void MainWindow::fillTaskMenu(QMenu* menu) const
{
    menu->clear();
    ConnectionPage* page = currentPage();
    if (!page) {
        menu->addAction(tr("Open a database first"))->setEnabled(false);
        return;
    }
    const TasksView* tasks = page->tasksView();
    const char* const separator = nullptr;
    for (const char* name : {"enqueue", "editAndEnqueue", separator, "retry", "cancel", "delete", "runNow", separator,
                             "allRetry", "allCancel", "allDelete", separator, "exportCsv"}) {
        if (!name)
            menu->addSeparator();
        else if (QAction* action = tasks->action(QString::fromLatin1(name)))
            menu->addAction(action);
    }
}

QString MainWindow::shortcutsText() const
{
    QStringList rows;
    auto row = [&rows](const QKeySequence& keys, const QString& what) {
        rows << QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(keys.toString(QKeySequence::NativeText).toHtmlEscaped(), what.toHtmlEscaped());
    };
    row(QKeySequence::Refresh, tr("Refresh what is shown"));
    row(QKeySequence::Find, tr("Search the task list"));
    row(QKeySequence::New, tr("Enqueue a task"));
    row(QKeySequence(Qt::CTRL | Qt::Key_R), tr("Retry the selected tasks"));
    row(QKeySequence::Delete, tr("Delete the selected tasks"));
    row(QKeySequence(Qt::CTRL | Qt::Key_Return), tr("Run the selected task now on the local executor"));
    row(QKeySequence::Open, tr("Open a database"));
    row(QKeySequence::Close, tr("Close the database's tab"));
    return tr("<table cellspacing=\"6\">%1</table><p>The task actions are also in the <b>Task</b> menu and on the "
              "task list's context menu (right click).</p>")
        .arg(rows.join(QString()));
}

ConnectionPage* MainWindow::currentPage() const
{
    return qobject_cast<ConnectionPage*>(m_pages->currentWidget());
}

void MainWindow::setDialogs(std::shared_ptr<Dialogs> dialogs)
{
    m_dialogs = std::move(dialogs);
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

void MainWindow::openWithDialog()
{
    ConnectionDialog dialog(this, m_dialogs);
    if (!m_dialogs->run(dialog))
        return;
    const ConnectionProfile profile = dialog.profile();
    auto locator = profile.locator(dialog.password());
    if (!locator) {
        m_dialogs->warn(this, tr("Open database"), locator.error().message);
        return;
    }
    ConnectionPage::Options options;
    options.title = profile.name.isEmpty() ? locator->redacted() : profile.name;
    openDatabase(*locator, options);
}

void MainWindow::closePage(int index)
{
    QWidget* page = m_pages->widget(index);
    if (!page)
        return;
    m_pages->removeTab(index);
    page->deleteLater();
}

void MainWindow::updateStatus()
{
    const ConnectionPage* page = currentPage();
    m_status->setText(page ? page->statusText()
                           : tr("No database is open: File ▸ Open database…, or File ▸ Open the demo database."));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace taskdeck
