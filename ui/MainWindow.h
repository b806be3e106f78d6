#pragma once

#include "db/Locator.h"
#include "ui/ConnectionPage.h"

#include <QMainWindow>

class QLabel;
class QMenu;
class QSystemTrayIcon;
class QTabWidget;

namespace taskdeck {

class AgentJobStore;
class AgentJobsView;

// The console's main window: one tab per open database, each with its own connection thread; the status bar shows
// the current tab's connection state, and the tray says when tasks fail.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // The console's language setting: empty follows the system, else a Language::name.
    static QString languageSetting();

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    ConnectionPage* openDatabase(const Locator& locator, ConnectionPage::Options options);
    // The embedded demo database (created at path; empty: the default place) with a producer and the local
    // executor running the demo's handlers.
    ConnectionPage* openDemo(const QString& path = {});
    // Agent-job mode: the seed design's one-off SQL Server Agent jobs, read through opener (a SQL Server locator's,
    // or recorded answers in tests).
    AgentJobsView* openAgentJobs(const QString& title, std::function<Result<std::unique_ptr<AgentJobStore>>()> opener);
    ConnectionPage* currentPage() const;
    void fillTaskMenu(QMenu* menu) const;
    QString shortcutsText() const;
    QTabWidget* pages() const { return m_pages; }
    QString statusText() const;
    // Every question and notice of the window and of the pages it opens from now on (tests answer them).
    void setDialogs(std::shared_ptr<Dialogs> dialogs);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void addLanguageMenu(QMenu* menu);
    void addThemeMenu(QMenu* menu);
    void openWithDialog();
    void openAgentWithDialog();
    void closePage(int index);
    void updateStatus();

    QTabWidget* m_pages;
    QLabel* m_status;
    QSystemTrayIcon* m_tray = nullptr;
    QAction* m_notifyOnFailure = nullptr;
    std::shared_ptr<Dialogs> m_dialogs = Dialogs::standard();
};

} // namespace taskdeck
