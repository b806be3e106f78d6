#pragma once

#include "store/Requests.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QToolButton;

namespace taskdeck {

class FilterSuggestions;
class StoreClient;

// The task list's filter bar: state, queue and handler (completing the known names), the worker a drill-down set,
// text, creation time, and "go to task id". It says when the filter changed; the list decides what to load.
class TaskFilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit TaskFilterBar(StoreClient* client, QWidget* parent = nullptr);

    TaskFilter filter() const;
    // The boxes set to exactly this filter (one state at most; the rest cleared), without a filterChanged().
    void setFilter(const TaskFilter& filter);
    void setState(const QString& stateName); // "" for every state; filterChanged() follows
    void setQueue(const QString& queue); // without a filterChanged()
    void setSearchText(const QString& text); // without a filterChanged()
    QString queueText() const;
    void focusSearch();
    // The completers' names, at most twice a minute.
    void refreshSuggestions();

Q_SIGNALS:
    void filterChanged();
    void goToTask(qint64 id);

private:
    FilterSuggestions* m_suggestions;
    QComboBox* m_state = nullptr;
    QLineEdit* m_queue = nullptr;
    QLineEdit* m_handler = nullptr;
    // Set from a worker's in-flight count: the list shows that worker's tasks until the chip is clicked away.
    QStringList m_workers;
    QToolButton* m_workerChip = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_range = nullptr;
    QCheckBox* m_beforeEnabled = nullptr;
    QDateTimeEdit* m_before = nullptr;
    QLineEdit* m_goTo = nullptr;
};

} // namespace taskdeck
