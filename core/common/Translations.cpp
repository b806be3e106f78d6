#include "common/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>

namespace taskdeck {

namespace {

const QString kTranslationsPath = QStringLiteral(":/taskdeck/translations");

} // namespace

QList<Language> availableLanguages()
{
    return {{QStringLiteral("en"), QStringLiteral("English")}, {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

QLocale localeForLanguage(const QString& language)
{
    return language.isEmpty() ? QLocale::system() : QLocale(language);
}

QString installTranslations(const QLocale& locale)
{
    // Translators live as long as the application; installing again (a test switching languages) replaces them.
    static QTranslator* pluralTranslator = nullptr;
    static QTranslator* ownTranslator = nullptr;
    static QTranslator* qtTranslator = nullptr;
    auto* app = QCoreApplication::instance();
    for (QTranslator** installed : {&pluralTranslator, &ownTranslator, &qtTranslator}) {
        if (*installed) {
            QCoreApplication::removeTranslator(*installed);
            delete *installed;
            *installed = nullptr;
        }
    }
    // QTranslator::load(QLocale, …) walks the locale's UI languages in order and stops at "en": an English user
    // whose list also names Chinese sees English, as asked.
    // English is the source language: its file holds only the plural forms ("1 task", "2 tasks"), and it goes in
    // first, so that every other language's file comes before it.
    auto plurals = std::make_unique<QTranslator>(app);
    if (plurals->load(QStringLiteral("taskdeck_en"), kTranslationsPath)) {
        QCoreApplication::installTranslator(plurals.get());
        pluralTranslator = plurals.release();
    }
    auto own = std::make_unique<QTranslator>(app);
    if (!own->load(locale, QStringLiteral("taskdeck"), QStringLiteral("_"), kTranslationsPath))
        return QStringLiteral("en");
    QCoreApplication::installTranslator(own.get());
    ownTranslator = own.release();
    auto qt = std::make_unique<QTranslator>(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        qtTranslator = qt.release();
    }
    return ownTranslator->language();
}

} // namespace taskdeck
