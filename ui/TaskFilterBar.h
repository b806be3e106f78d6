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

// The task list's filter bar: state, queue and handler (completing the known names), what a drill-down set,
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
    // What a drill-down set that no box shows (a worker's in-flight count: its tasks; a point of the failures
    // chart: the tasks that failed then), shown as a chip until it is clicked away.
    TaskFilter m_drillDown;
    QToolButton* m_drillDownChip = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_range = nullptr;
    QCheckBox* m_beforeEnabled = nullptr;
    QDateTimeEdit* m_before = nullptr;
    QLineEdit* m_goTo = nullptr;
};

} // namespace taskdeck
