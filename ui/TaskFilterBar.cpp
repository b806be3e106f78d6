#include "ui/TaskFilterBar.h"

#include "models/FilterSuggestions.h"
#include "models/TaskListModel.h"
#include "ui/TaskActionWords.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QStringListModel>
#include <QToolButton>

namespace taskdeck {

TaskFilterBar::TaskFilterBar(StoreClient* client, QWidget* parent)
    : QWidget(parent)
    , m_suggestions(new FilterSuggestions(client, this))
{
    m_state = new QComboBox(this);
    m_state->setObjectName(QStringLiteral("stateFilter"));
    m_state->addItem(tr("All states"), QString());
    for (const QString& name : displayStateNames())
        m_state->addItem(stateLabel(*parseDisplayState(name)), name);
    m_queue = new QLineEdit(this);
    m_queue->setObjectName(QStringLiteral("queueFilter"));
    m_queue->setPlaceholderText(tr("queue"));
    m_queue->setClearButtonEnabled(true);
    m_handler = new QLineEdit(this);
    m_handler->setObjectName(QStringLiteral("handlerFilter"));
    m_handler->setPlaceholderText(tr("handler"));
    m_handler->setClearButtonEnabled(true);
    // The known queues and handlers complete as the operator types; choosing one applies it at once, as the
    // state box does (typing applies on Enter or on leaving the box).
    for (auto [edit, names] :
         {std::pair{m_queue, m_suggestions->queues()}, std::pair{m_handler, m_suggestions->handlers()}}) {
        auto* completer = new QCompleter(names, edit);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        edit->setCompleter(completer);
        connect(completer, qOverload<const QString&>(&QCompleter::activated), this, &TaskFilterBar::filterChanged);
        connect(edit, &QLineEdit::textChanged, this, [this, edit = edit](const QString& text) {
            if (text.isEmpty())
                Q_EMIT filterChanged(); // the clear button, or the text deleted: the filter goes at once
            else
                m_suggestions->refresh();
        });
    }
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("text in payload or error (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_range = new QComboBox(this);
    m_range->addItem(tr("Any time"), 0);
    m_range->addItem(tr("Last hour"), 3600);
    m_range->addItem(tr("Last 24 hours"), 24 * 3600);
    m_range->addItem(tr("Last 7 days"), 7 * 24 * 3600);
    m_beforeEnabled = new QCheckBox(tr("created before"), this);
    m_before = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    m_before->setCalendarPopup(true);
    m_before->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_before->setEnabled(false);
    m_drillDownChip = new QToolButton(this);
    m_drillDownChip->setObjectName(QStringLiteral("drillDownFilter"));
    m_drillDownChip->setToolTip(tr("Click to remove this part of the filter"));
    m_drillDownChip->hide();
    connect(m_drillDownChip, &QToolButton::clicked, this, [this] {
        m_drillDown = {};
        m_drillDownChip->hide();
        Q_EMIT filterChanged();
    });
    m_goTo = new QLineEdit(this);
    m_goTo->setPlaceholderText(tr("go to task id"));
    m_goTo->setMaximumWidth(120);
    auto* filterBar = new QHBoxLayout(this);
    filterBar->setContentsMargins(0, 0, 0, 0);
    for (QWidget* w : std::initializer_list<QWidget*>{m_state, m_queue, m_handler, m_drillDownChip, m_search, m_range,
                                                      m_beforeEnabled, m_before, m_goTo})
        filterBar->addWidget(w);
    filterBar->setStretchFactor(m_search, 2);

    const auto reloadSoon = [this] { Q_EMIT filterChanged(); };
    connect(m_state, &QComboBox::currentIndexChanged, this, reloadSoon);
    connect(m_range, &QComboBox::currentIndexChanged, this, reloadSoon);
    connect(m_queue, &QLineEdit::editingFinished, this, reloadSoon);
    connect(m_handler, &QLineEdit::editingFinished, this, reloadSoon);
    connect(m_search, &QLineEdit::returnPressed, this, reloadSoon);
    connect(m_beforeEnabled, &QCheckBox::toggled, m_before, &QWidget::setEnabled);
    connect(m_beforeEnabled, &QCheckBox::toggled, this, reloadSoon);
    connect(m_before, &QDateTimeEdit::editingFinished, this, reloadSoon);
    connect(m_goTo, &QLineEdit::returnPressed, this, [this] {
        bool ok = false;
        const qint64 id = m_goTo->text().trimmed().remove(QLatin1Char('#')).toLongLong(&ok);
        if (ok)
            Q_EMIT goToTask(id);
    });
}

TaskFilter TaskFilterBar::filter() const
{
    TaskFilter filter;
    if (const auto state = parseDisplayState(m_state->currentData().toString()))
        filter.states = {*state};
    if (!m_queue->text().trimmed().isEmpty())
        filter.queues = {m_queue->text().trimmed()};
    if (!m_handler->text().trimmed().isEmpty())
        filter.handlers = {m_handler->text().trimmed()};
    filter.workers = m_drillDown.workers;
    filter.failedFrom = m_drillDown.failedFrom;
    filter.failedTo = m_drillDown.failedTo;
    filter.search = m_search->text();
    if (const int seconds = m_range->currentData().toInt(); seconds > 0)
        filter.createdFrom = QDateTime::currentDateTimeUtc().addSecs(-seconds);
    if (m_beforeEnabled->isChecked())
        filter.createdTo = m_before->dateTime().toUTC();
    return filter;
}

void TaskFilterBar::setFilter(const TaskFilter& filter)
{
    const QSignalBlocker blockState(m_state);
    const QSignalBlocker blockQueue(m_queue);
    const QSignalBlocker blockHandler(m_handler);
    const QSignalBlocker blockRange(m_range);
    const QSignalBlocker blockBefore(m_beforeEnabled);
    m_state->setCurrentIndex(
        filter.states.isEmpty() ? 0 : std::max(0, m_state->findData(stateName(filter.states.first()))));
    m_queue->setText(filter.queues.value(0));
    m_handler->setText(filter.handlers.value(0));
    m_drillDown = {};
    m_drillDown.workers = filter.workers;
    m_drillDown.failedFrom = filter.failedFrom;
    m_drillDown.failedTo = filter.failedTo;
    const bool drilled = !filter.workers.isEmpty() || filter.failedFrom.isValid();
    m_drillDownChip->setText(drilled ? describe(m_drillDown) + QStringLiteral("  ✕") : QString());
    m_drillDownChip->setVisible(drilled);
    m_search->setText(filter.search);
    m_range->setCurrentIndex(0);
    m_beforeEnabled->setChecked(false);
    m_before->setEnabled(false);
}

void TaskFilterBar::setState(const QString& stateName)
{
    m_state->setCurrentIndex(std::max(0, m_state->findData(stateName)));
}

void TaskFilterBar::setQueue(const QString& queue)
{
    const QSignalBlocker block(m_queue);
    m_queue->setText(queue);
}

void TaskFilterBar::setSearchText(const QString& text)
{
    m_search->setText(text);
}

QString TaskFilterBar::queueText() const
{
    return m_queue->text().trimmed();
}

void TaskFilterBar::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void TaskFilterBar::refreshSuggestions()
{
    m_suggestions->refresh();
}

} // namespace taskdeck
