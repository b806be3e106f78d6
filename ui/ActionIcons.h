#pragma once

#include <QIcon>
#include <QString>

class QAbstractButton;
class QAction;

namespace taskdeck {

// The console's action icons: one line-drawn SVG set (resources/icons/actions), drawn in the palette's text colour
// so that one set serves the light and the dark theme, and drawn again when the palette changes.
class ActionIcons
{
public:
    // The icon named (the file's name without .svg) in the current palette; null when there is none.
    static QIcon icon(const QString& name);
    // Sets it, and keeps it in step with the palette for as long as the action or button lives.
    static void attach(QAction* action, const QString& name);
    static void attach(QAbstractButton* button, const QString& name);
};

} // namespace taskdeck
