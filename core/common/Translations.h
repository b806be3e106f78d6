#pragma once

#include <QList>
#include <QLocale>
#include <QString>

namespace taskdeck {

struct Language
{
    QString name; // a locale name: "en" (the source language, needs no file), "zh_CN"
    QString nativeName; // how its speakers call it, to be found by someone who cannot read the current language
};

// The languages TaskDeck speaks.
QList<Language> availableLanguages();

// The locale for a language setting: empty follows the system (LANGUAGE, LC_ALL, LC_MESSAGES, LANG on Unix;
// the user's display language on Windows), otherwise a Language::name.
QLocale localeForLanguage(const QString& language);

// Installs TaskDeck's translation for the locale, and Qt's own (dialog buttons and the like) when the system has
// it, on the running QCoreApplication. Returns the language now in use: "en" when no translation matched.
QString installTranslations(const QLocale& locale);

} // namespace taskdeck
