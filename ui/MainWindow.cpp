#include "ui/MainWindow.h"

#include "db/Locator.h"

#include <QLabel>
#include <QStatusBar>

namespace taskdeck {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("TaskDeck"));
    resize(1100, 700);
    auto* placeholder = new QLabel(tr("No database is open."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    statusBar()->showMessage(tr("Embedded database: %1").arg(Locator::defaultEmbeddedPath()));
}

} // namespace taskdeck
