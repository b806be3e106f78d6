#include "ui/ActionIcons.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QFile>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QPointer>
#include <QSvgRenderer>

#include <vector>

namespace taskdeck {

namespace {

// Redraws the attached icons when the application's palette changes (View ▸ Theme, or the system's).
class Repainter : public QObject
{
public:
    static Repainter& instance()
    {
        static auto* repainter = new Repainter(qApp);
        return *repainter;
    }

    void keep(QAction* action, const QString& name) { m_actions.emplace_back(action, name); }
    void keep(QAbstractButton* button, const QString& name) { m_buttons.emplace_back(button, name); }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange)
            repaint();
        return QObject::eventFilter(watched, event);
    }

private:
    explicit Repainter(QObject* parent)
        : QObject(parent)
    {
        qApp->installEventFilter(this);
    }

    void repaint()
    {
        std::erase_if(m_actions, [](const auto& entry) { return entry.first.isNull(); });
        std::erase_if(m_buttons, [](const auto& entry) { return entry.first.isNull(); });
        for (const auto& [action, name] : m_actions)
            action->setIcon(ActionIcons::icon(name));
        for (const auto& [button, name] : m_buttons)
            button->setIcon(ActionIcons::icon(name));
    }

    std::vector<std::pair<QPointer<QAction>, QString>> m_actions;
    std::vector<std::pair<QPointer<QAbstractButton>, QString>> m_buttons;
};

} // namespace

QIcon ActionIcons::icon(const QString& name)
{
    QFile file(QStringLiteral(":/taskdeck/icons/actions/%1.svg").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QPalette palette = QApplication::palette();
    QByteArray svg = file.readAll();
    QIcon icon;
    // Normal and disabled drawn in the palette's own colours: Qt's greyed-out version of a light stroke is
    // unreadable on a dark background.
    for (const auto& [mode, group] :
         {std::pair{QIcon::Normal, QPalette::Active}, std::pair{QIcon::Disabled, QPalette::Disabled}}) {
        QByteArray drawn = svg;
        drawn.replace("currentColor", palette.color(group, QPalette::ButtonText).name().toLatin1());
        QSvgRenderer renderer(drawn);
        for (const int size : {16, 20, 24, 32, 48}) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            renderer.render(&painter);
            painter.end();
            icon.addPixmap(pixmap, mode);
        }
    }
    return icon;
}

void ActionIcons::attach(QAction* action, const QString& name)
{
    action->setIcon(icon(name));
    Repainter::instance().keep(action, name);
}

void ActionIcons::attach(QAbstractButton* button, const QString& name)
{
    button->setIcon(icon(name));
    Repainter::instance().keep(button, name);
}

} // namespace taskdeck
