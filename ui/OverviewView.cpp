#include "ui/OverviewView.h"

#include "models/OverviewModel.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QTableView>
#include <QValueAxis>

namespace taskdeck {

OverviewView::OverviewView(OverviewModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    auto* table = new QTableView(this);
    table->setObjectName(QStringLiteral("overviewTable"));
    table->setModel(model);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setMaximumHeight(200);
    table->setMouseTracking(true); // the tooltip says which cells open a list
    connect(table, &QTableView::clicked, this, [this](const QModelIndex& index) {
        if (const auto filter = m_model->filterAt(index))
            Q_EMIT tasksRequested(*filter);
    });

    m_window = new QComboBox(this);
    m_window->addItem(tr("Last hour"));
    m_window->addItem(tr("Last day"));
    m_window->addItem(tr("Last week"));
    connect(m_window, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_model->setWindow(OverviewModel::Window(index)); });

    m_orphans = new QLabel(this);
    m_orphans->setWordWrap(true);
    m_orphans->setStyleSheet(QStringLiteral("QLabel { color: #c01c28; }"));
    m_orphans->hide();

    m_throughput = makeChart(tr("Throughput"), tr("tasks/min"), {tr("succeeded"), tr("failed")});
    m_latency = makeChart(tr("Queue latency (start − run at)"), tr("ms"), {tr("average")});
    m_duration = makeChart(tr("Duration"), tr("ms"), {tr("average")});

    auto* layout = new QGridLayout(this);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Charts over:"), this));
    top->addWidget(m_window);
    top->addStretch();
    layout->addLayout(top, 0, 0, 1, 3);
    layout->addWidget(table, 1, 0, 1, 3);
    layout->addWidget(m_orphans, 2, 0, 1, 3);
    int column = 0;
    for (const Chart* chart : {&m_throughput, &m_latency, &m_duration}) {
        auto* view = new QChartView(chart->chart, this);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(220);
        layout->addWidget(view, 3, column++);
    }
    layout->setRowStretch(3, 1);
    connect(model, &OverviewModel::updated, this, &OverviewView::updateCharts);
}

OverviewView::Chart OverviewView::makeChart(const QString& title, const QString& unit, const QStringList& seriesNames)
{
    Chart chart;
    chart.chart = new QChart;
    chart.chart->setTitle(title);
    chart.chart->legend()->setVisible(seriesNames.size() > 1);
    chart.chart->legend()->setAlignment(Qt::AlignBottom);
    chart.time = new QDateTimeAxis;
    chart.time->setFormat(QStringLiteral("HH:mm"));
    chart.time->setTickCount(5);
    chart.value = new QValueAxis;
    chart.value->setTitleText(unit);
    chart.value->setLabelFormat(QStringLiteral("%.0f"));
    chart.chart->addAxis(chart.time, Qt::AlignBottom);
    chart.chart->addAxis(chart.value, Qt::AlignLeft);
    const QList<QColor> colors{QColor(0x26, 0xa2, 0x69), QColor(0xc0, 0x1c, 0x28)};
    for (qsizetype i = 0; i < seriesNames.size(); ++i) {
        auto* series = new QLineSeries;
        series->setName(seriesNames.at(i));
        series->setColor(seriesNames.size() > 1 ? colors.value(i) : QColor(0x1c, 0x71, 0xd8));
        chart.chart->addSeries(series);
        series->attachAxis(chart.time);
        series->attachAxis(chart.value);
        chart.series << series;
    }
    return chart;
}

void OverviewView::updateCharts()
{
    const auto& points = m_model->chart();
    QList<QPointF> succeeded, failed, latency, duration;
    double top = 1, latencyTop = 1, durationTop = 1;
    for (const OverviewModel::ChartPoint& point : points) {
        const double x = double(point.start.toMSecsSinceEpoch());
        succeeded << QPointF(x, point.succeededPerMinute);
        failed << QPointF(x, point.failedPerMinute);
        latency << QPointF(x, point.averageLatencyMs);
        duration << QPointF(x, point.averageDurationMs);
        top = std::max({top, point.succeededPerMinute, point.failedPerMinute});
        latencyTop = std::max(latencyTop, point.averageLatencyMs);
        durationTop = std::max(durationTop, point.averageDurationMs);
    }
    m_throughput.series.at(0)->replace(succeeded);
    m_throughput.series.at(1)->replace(failed);
    m_latency.series.at(0)->replace(latency);
    m_duration.series.at(0)->replace(duration);
    const QString format =
        m_model->window() == OverviewModel::Window::Week ? QStringLiteral("ddd HH:mm") : QStringLiteral("HH:mm");
    for (Chart* chart : {&m_throughput, &m_latency, &m_duration}) {
        chart->time->setFormat(format);
        chart->time->setRange(m_model->chartStart().toLocalTime(), m_model->chartEnd().toLocalTime());
    }
    m_throughput.value->setRange(0, top * 1.1);
    m_latency.value->setRange(0, latencyTop * 1.1);
    m_duration.value->setRange(0, durationTop * 1.1);

    const QStringList orphans = m_model->handlersWithoutWorker();
    m_orphans->setVisible(!orphans.isEmpty());
    m_orphans->setText(tr("Pending tasks name handlers that no live worker offers — they will wait until a worker "
                          "with them starts: %1")
                           .arg(orphans.join(QLatin1String(", "))));
}

} // namespace taskdeck
