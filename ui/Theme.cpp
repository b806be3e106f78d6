#include "ui/Theme.h"

#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyle>

namespace taskdeck {

namespace {

const QString kSettingKey = QStringLiteral("theme");

// The platform's palette before ours replaced it: what "follow the system" compares against.
QPalette& platformPalette()
{
    static QPalette palette = QApplication::palette();
    return palette;
}

QPalette lightPalette()
{
    QPalette p = QApplication::style()->standardPalette();
    p.setColor(QPalette::Highlight, QColor(0x1c, 0x71, 0xd8));
    p.setColor(QPalette::Link, QColor(0x1a, 0x5f, 0xb4));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x24, 0x27, 0x2e);
    const QColor base(0x1b, 0x1e, 0x24);
    const QColor alternate(0x22, 0x26, 0x2d);
    const QColor text(0xe6, 0xe8, 0xeb);
    const QColor disabled(0x7d, 0x85, 0x90);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternate);
    p.setColor(QPalette::ToolTipBase, QColor(0x30, 0x34, 0x3c));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2d, 0x31, 0x39));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x7b, 0x72));
    p.setColor(QPalette::Light, QColor(0x3a, 0x3f, 0x48));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x38, 0x40));
    p.setColor(QPalette::Mid, QColor(0x4a, 0x50, 0x5a));
    p.setColor(QPalette::Dark, QColor(0x15, 0x17, 0x1c));
    p.setColor(QPalette::Shadow, QColor(0x0b, 0x0c, 0x0f));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x58, 0xa6, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xbc, 0x8c, 0xff));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x50, 0x5a));
    return p;
}

} // namespace

Theme::Choice Theme::choiceFromName(const QString& name)
{
    if (name.compare(QLatin1String("light"), Qt::CaseInsensitive) == 0)
        return Choice::Light;
    if (name.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0)
        return Choice::Dark;
    return Choice::System;
}

QString Theme::nameOf(Choice choice)
{
    switch (choice) {
    case Choice::Light:
        return QStringLiteral("light");
    case Choice::Dark:
        return QStringLiteral("dark");
    case Choice::System:
        break;
    }
    return QStringLiteral("system");
}

Theme::Choice Theme::setting()
{
    return choiceFromName(QSettings().value(kSettingKey).toString());
}

void Theme::saveSetting(Choice choice)
{
    QSettings().setValue(kSettingKey, nameOf(choice));
}

bool Theme::systemPrefersDark()
{
#ifdef Q_OS_WIN
    const QSettings personalize(
        QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize"),
        QSettings::NativeFormat);
    return personalize.value(QStringLiteral("AppsUseLightTheme"), 1).toInt() == 0;
#else
    const QString gtkTheme = qEnvironmentVariable("GTK_THEME");
    if (gtkTheme.contains(QLatin1String("dark"), Qt::CaseInsensitive))
        return true;
    return platformPalette().color(QPalette::Window).lightness() < 128;
#endif
}

void Theme::notePlatformPalette()
{
    platformPalette();
}

void Theme::apply(Choice choice)
{
    const bool dark = choice == Choice::Dark || (choice == Choice::System && systemPrefersDark());
    QApplication::setPalette(dark ? darkPalette() : lightPalette());
}

} // namespace taskdeck
