#include "ui/OverviewView.h"

#include "models/OverviewModel.h"
#include "models/StatusColors.h"
#include "ui/ViewState.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
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
    m_orphans->hide();

    m_throughput = makeChart(tr("Throughput"), tr("tasks/min"), {tr("succeeded"), tr("failed")});
    m_latency = makeChart(tr("Queue latency (start − run at)"), tr("ms"), {tr("average")});
    m_duration = makeChart(tr("Duration"), tr("ms"), {tr("average")});

    // The counts above, the charts below, split where the operator last left it (the table grows with the queues
    // instead of scrolling with five).
    auto* counts = new QWidget(this);
    auto* countsLayout = new QVBoxLayout(counts);
    countsLayout->setContentsMargins(0, 0, 0, 0);
    countsLayout->addWidget(table);
    countsLayout->addWidget(m_orphans);
    auto* charts = new QWidget(this);
    auto* chartsLayout = new QHBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    for (const Chart* chart : {&m_throughput, &m_latency, &m_duration}) {
        auto* view = new QChartView(chart->chart, charts);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(220);
        chartsLayout->addWidget(view);
    }
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("overviewSplitter"));
    splitter->addWidget(counts);
    splitter->addWidget(charts);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    rememberSplitter(splitter, QStringLiteral("overview/splitter"));

    m_generated = new QLabel(this);
    m_generated->setObjectName(QStringLiteral("generatedHistory"));
    m_generated->hide();

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Charts over:"), this));
    top->addWidget(m_window);
    top->addSpacing(12);
    top->addWidget(m_generated);
    top->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    connect(model, &OverviewModel::updated, this, &OverviewView::updateCharts);
    paintCharts();
}

void OverviewView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        paintCharts();
}

void OverviewView::paintCharts()
{
    const QPalette p = palette();
    const QColor text = p.color(QPalette::WindowText);
    QColor grid = p.color(QPalette::Mid);
    grid.setAlpha(90);
    for (Chart* chart : {&m_throughput, &m_latency, &m_duration}) {
        chart->chart->setBackgroundBrush(p.base());
        chart->chart->setBackgroundPen(QPen(p.color(QPalette::Mid)));
        chart->chart->setTitleBrush(text);
        chart->chart->legend()->setLabelColor(text);
        for (QAbstractAxis* axis :
             {static_cast<QAbstractAxis*>(chart->time), static_cast<QAbstractAxis*>(chart->value)}) {
            axis->setLabelsColor(text);
            axis->setTitleBrush(text);
            axis->setGridLineColor(grid);
            axis->setLinePenColor(p.color(QPalette::Mid));
        }
        const bool pair = chart->series.size() > 1;
        for (qsizetype i = 0; i < chart->series.size(); ++i) {
            QPen pen(pair ? (i == 0 ? StatusColors::succeeded() : StatusColors::failed()) : StatusColors::running());
            pen.setWidthF(2);
            chart->series.at(i)->setPen(pen);
        }
    }
    m_orphans->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(StatusColors::failed().name()));
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
    for (qsizetype i = 0; i < seriesNames.size(); ++i) {
        auto* series = new QLineSeries;
        series->setName(seriesNames.at(i));
        chart.chart->addSeries(series);
        series->attachAxis(chart.time);
        series->attachAxis(chart.value);
        // The value under the pointer, with its time and unit.
        const bool opensTasks = seriesNames.size() > 1 && i == 1;
        connect(series, &QLineSeries::hovered, this,
                [series, axis = chart.value, opensTasks](const QPointF& point, bool over) {
                    if (!over) {
                        QToolTip::hideText();
                        return;
                    }
                    const QDateTime at = QDateTime::fromMSecsSinceEpoch(qint64(point.x()));
                    QString text = tr("%1 at %2: %3 %4")
                                       .arg(series->name(), at.toString(QStringLiteral("ddd HH:mm")),
                                            QLocale().toString(point.y(), 'f', 1), axis->titleText());
                    if (opensTasks)
                        text += QLatin1Char('\n') + tr("Click to list the tasks that failed then");
                    QToolTip::showText(QCursor::pos(), text);
                });
        chart.series << series;
    }
    // A point of the failures line opens the tasks that failed then.
    if (seriesNames.size() > 1) {
        connect(chart.series.at(1), &QLineSeries::clicked, this, [this](const QPointF& point) {
            if (const auto filter = m_model->failuresAt(QDateTime::fromMSecsSinceEpoch(qint64(point.x()), Qt::UTC)))
                Q_EMIT tasksRequested(*filter);
        });
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
    // A week's ticks are days ("Mon 7"); an hour's and a day's are times.
    const QString format =
        m_model->window() == OverviewModel::Window::Week ? QStringLiteral("ddd d") : QStringLiteral("HH:mm");
    for (Chart* chart : {&m_throughput, &m_latency, &m_duration}) {
        chart->time->setFormat(format);
        chart->time->setRange(m_model->chartStart().toLocalTime(), m_model->chartEnd().toLocalTime());
    }
    // Times in seconds once they pass a few: "44202 ms" reads as a number, "44.2 s" as a time.
    auto inSeconds = [](QList<QPointF>& values, double& highest) {
        for (QPointF& value : values)
            value.setY(value.y() / 1000.0);
        highest /= 1000.0;
    };
    const bool latencySeconds = latencyTop >= 5'000;
    const bool durationSeconds = durationTop >= 5'000;
    if (latencySeconds)
        inSeconds(latency, latencyTop);
    if (durationSeconds)
        inSeconds(duration, durationTop);
    m_latency.series.at(0)->replace(latency);
    m_duration.series.at(0)->replace(duration);
    m_latency.value->setTitleText(latencySeconds ? tr("s") : tr("ms"));
    m_duration.value->setTitleText(durationSeconds ? tr("s") : tr("ms"));
    // Round ends and steps (0, 20, 40, … rather than 0, 19, 39, …).
    for (auto [chart, highest] :
         {std::pair{&m_throughput, top}, std::pair{&m_latency, latencyTop}, std::pair{&m_duration, durationTop}}) {
        chart->value->setRange(0, highest * 1.1);
        chart->value->applyNiceNumbers();
        chart->value->setLabelFormat(chart->value->max() < 5 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    }

    // Made-up statistics are never passed off as real ones.
    const QDateTime generatedUntil = m_model->generatedUntil();
    m_generated->setVisible(generatedUntil.isValid() && generatedUntil > m_model->chartStart());
    m_generated->setText(tr("Before %1 the charts show generated demo history.")
                             .arg(QLocale().toString(generatedUntil.toLocalTime(),
                                                     generatedUntil.toLocalTime().date() == QDate::currentDate()
                                                         ? QStringLiteral("HH:mm")
                                                         : QStringLiteral("yyyy-MM-dd HH:mm"))));

    const QStringList orphans = m_model->handlersWithoutWorker();
    m_orphans->setVisible(!orphans.isEmpty());
    m_orphans->setText(tr("Pending tasks name handlers that no live worker offers — they will wait until a worker "
                          "with them starts: %1")
                           .arg(orphans.join(QLatin1String(", "))));
}

} // namespace taskdeck
