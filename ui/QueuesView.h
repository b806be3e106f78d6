#pragma once

#include "store/Requests.h"
#include "ui/Dialogs.h"

#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QTableView;

namespace taskdeck {

class QueueListModel;
struct QueueUpdate;

// The queues with their counts and settings; pause, resume and every setting of the selected one.
class QueuesView : public QWidget
{
    Q_OBJECT

public:
    explicit QueuesView(QueueListModel* model, QWidget* parent = nullptr);
    void setDialogs(std::shared_ptr<Dialogs> dialogs) { m_dialogs = std::move(dialogs); }
    // Non-empty: the database refuses changes, and the buttons say why.
    void setReadOnly(const QString& reason);
    void refresh();
    // What the last action did, or why it did nothing.
    QString statusText() const;

Q_SIGNALS:
    // A running or failed count was double-clicked: list exactly those tasks.
    void tasksRequested(const taskdeck::TaskFilter& filter);

private:
    QString selectedQueue() const;
    void setPaused(bool paused);
    void editSettings();
    void apply(const QString& queue, const QueueUpdate& update, const QString& done);

    QueueListModel* m_model;
    std::shared_ptr<Dialogs> m_dialogs = Dialogs::standard();
    QTableView* m_table;
    QLabel* m_status;
    QList<QPushButton*> m_actions;
    QList<QAction*> m_menuActions; // the context menu's, one per button
};

} // namespace taskdeck
