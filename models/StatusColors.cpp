#include "models/StatusColors.h"

#include <QGuiApplication>
#include <QHash>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

namespace taskdeck::StatusColors {

namespace {

QColor pick(QRgb light, QRgb dark)
{
    return QColor::fromRgb(paletteIsDark() ? dark : light);
}

} // namespace

bool paletteIsDark()
{
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

QColor failed()
{
    return pick(0xc01c28, 0xff7b72);
}

QColor running()
{
    return pick(0x1c71d8, 0x58a6ff);
}

QColor succeeded()
{
    return pick(0x26a269, 0x3fb950);
}

QColor warning()
{
    return pick(0x9a6700, 0xd29922);
}

QColor paused()
{
    return pick(0x77767b, 0x8b949e);
}

QColor of(DisplayState state)
{
    switch (state) {
    case DisplayState::Pending:
        return {};
    case DisplayState::Scheduled:
        return pick(0x813d9c, 0xbc8cff);
    case DisplayState::Retrying:
        return warning();
    case DisplayState::Running:
        return running();
    case DisplayState::Succeeded:
        return succeeded();
    case DisplayState::Failed:
        return failed();
    case DisplayState::Cancelled:
        return paused();
    }
    return {};
}

QIcon dot(const QColor& color)
{
    // Asked for by data() on every paint of a state cell: drawn once per colour.
    static QHash<QRgb, QIcon> drawn;
    const QColor fill = color.isValid() ? color : QGuiApplication::palette().color(QPalette::Mid);
    if (const auto it = drawn.constFind(fill.rgba()); it != drawn.constEnd())
        return *it;
    QIcon icon;
    for (const int size : {12, 16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        const qreal inset = size * 0.25;
        painter.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset));
        painter.end();
        icon.addPixmap(pixmap);
    }
    drawn.insert(fill.rgba(), icon);
    return icon;
}

} // namespace taskdeck::StatusColors
