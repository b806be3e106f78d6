#pragma once

#include <QString>

namespace taskdeck {

// The console's look: Fusion with a light or a dark palette, following the system unless the operator chose one.
// The colours of states and alerts follow the palette (models/StatusColors).
class Theme
{
public:
    enum class Choice {
        System,
        Light,
        Dark,
    };

    static Choice choiceFromName(const QString& name); // "light", "dark"; anything else follows the system
    static QString nameOf(Choice choice);
    // The setting (View ▸ Theme); the command line's --theme overrides it for one run.
    static Choice setting();
    static void saveSetting(Choice choice);

    // Keeps the platform's palette for "follow the system": call before the application's style is set.
    static void notePlatformPalette();
    // Sets the application's palette; call again to switch while running. Meant for Fusion, which draws the same
    // with either palette on every platform (Qt 6.4's native Windows style ignores a dark one).
    static void apply(Choice choice);
    // Windows' "apps use dark mode", or on Linux a dark GTK theme or a dark platform palette.
    static bool systemPrefersDark();
};

} // namespace taskdeck
