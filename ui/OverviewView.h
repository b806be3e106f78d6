#pragma once

#include "store/Requests.h"

#include <QWidget>

class QChart;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace taskdeck {

class OverviewModel;

// Counts per state and queue, and live charts of throughput, queue latency and duration over an hour, a day or a
// week; handlers that no live worker offers are flagged.
class OverviewView : public QWidget
{
    Q_OBJECT

public:
    explicit OverviewView(OverviewModel* model, QWidget* parent = nullptr);

protected:
    void changeEvent(QEvent* event) override;

Q_SIGNALS:
    // A count was clicked: list exactly those tasks.
    void tasksRequested(const taskdeck::TaskFilter& filter);

private:
    struct Chart
    {
        QChart* chart = nullptr;
        QDateTimeAxis* time = nullptr;
        QValueAxis* value = nullptr;
        QList<QLineSeries*> series;
    };
    Chart makeChart(const QString& title, const QString& unit, const QStringList& seriesNames);
    void updateCharts();
    // The charts' colours from the palette (light or dark) and the state colours.
    void paintCharts();

    OverviewModel* m_model;
    QComboBox* m_window = nullptr;
    QLabel* m_orphans = nullptr;
    QLabel* m_generated = nullptr;
    Chart m_throughput;
    Chart m_latency;
    Chart m_duration;
};

} // namespace taskdeck
