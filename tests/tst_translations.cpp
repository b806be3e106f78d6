// The console and the command line in Simplified Chinese: the compiled translation is built in, core's messages
// follow the language, and every text on the main window's surfaces — menus, tabs, buttons, labels, column headers,
// filters and the dialogs an operator opens — is Chinese once zh_CN is chosen, with the demo database live behind it.

#include "app/ctl/CtlCommandLine.h"
#include "client/StoreClient.h"
#include "common/Translations.h"
#include "db/Locator.h"
#include "db/SqlThreadGuard.h"
#include "models/TaskListModel.h"
#include "ui/ConnectionDialog.h"
#include "ui/EnqueueDialog.h"
#include "ui/MainWindow.h"
#include "ui/ScheduleDialog.h"
#include "ui/SchedulesView.h"
#include "ui/TasksView.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDialog>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace taskdeck;

namespace {

constexpr int kWait = 20'000;

bool hasChinese(const QString& text)
{
    for (QChar c : text) {
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    }
    return false;
}

// Words that stay as they are in a Chinese interface: product and protocol names, units, keys and symbols.
bool isUniversal(const QString& word)
{
    static const QStringList words{
        QStringLiteral("TaskDeck"), QStringLiteral("SQLite"), QStringLiteral("PostgreSQL"), QStringLiteral("ODBC"),
        QStringLiteral("SQL"), QStringLiteral("Server"), QStringLiteral("MariaDB"), QStringLiteral("JSON"),
        QStringLiteral("CSV"), QStringLiteral("Cron"), QStringLiteral("PID"), QStringLiteral("TLS"),
        QStringLiteral("sslmode"), QStringLiteral("UTC"), QStringLiteral("ms"), QStringLiteral("Ctrl"),
        QStringLiteral("ID"), QStringLiteral("Agent"), QStringLiteral("MySQL"),
        // a language named in itself, so that whoever cannot read the current one still finds theirs
        QStringLiteral("English"),
        // libpq's sslmode values, chosen as written in a locator
        QStringLiteral("disable"), QStringLiteral("prefer"), QStringLiteral("require"), QStringLiteral("verify"),
        QStringLiteral("ca"), QStringLiteral("full")};
    return words.contains(word);
}

// A text left in English: it has a word of two or more Latin letters that is not universal, and no Chinese at all.
bool looksUntranslated(const QString& text)
{
    if (text.isEmpty() || hasChinese(text))
        return false;
    // An example connection string (KEY=value;…) is written the same in every language.
    if (text.contains(QLatin1Char('=')) && text.contains(QLatin1Char(';')))
        return false;
    static const QRegularExpression wordPattern(QStringLiteral("[A-Za-z]{2,}"));
    auto words = wordPattern.globalMatch(text);
    while (words.hasNext()) {
        if (!isUniversal(words.next().captured()))
            return true;
    }
    return false;
}

// Every text a person reads on a widget tree. Data (task rows, queue names from the database) is not chrome and is
// left out: only item views' headers are read, never their cells.
QStringList surfaceTexts(QWidget* root)
{
    QStringList texts;
    auto addActions = [&texts](const QList<QAction*>& actions) {
        for (QAction* action : actions) {
            if (!action->isSeparator())
                texts << action->text() << action->toolTip();
        }
    };
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* widget : std::as_const(widgets)) {
        texts << widget->toolTip() << widget->windowTitle();
        addActions(widget->actions());
        if (auto* label = qobject_cast<QLabel*>(widget))
            texts << label->text();
        else if (auto* button = qobject_cast<QAbstractButton*>(widget))
            texts << button->text();
        else if (auto* group = qobject_cast<QGroupBox*>(widget))
            texts << group->title();
        else if (auto* edit = qobject_cast<QLineEdit*>(widget))
            texts << edit->placeholderText();
        else if (auto* menu = qobject_cast<QMenu*>(widget))
            texts << menu->title();
        else if (auto* tabs = qobject_cast<QTabWidget*>(widget)) {
            for (int i = 0; i < tabs->count(); ++i)
                texts << tabs->tabText(i);
        } else if (auto* combo = qobject_cast<QComboBox*>(widget)) {
            // Editable combos hold typed data (handler names); fixed ones are choices the console offers.
            if (!combo->isEditable()) {
                for (int i = 0; i < combo->count(); ++i)
                    texts << combo->itemText(i);
            }
        } else if (auto* view = qobject_cast<QAbstractItemView*>(widget); view && view->model()) {
            for (int column = 0; column < view->model()->columnCount(); ++column)
                texts << view->model()->headerData(column, Qt::Horizontal).toString();
        }
    }
    texts.removeAll(QString());
    texts.removeDuplicates();
    return texts;
}

QStringList untranslated(QWidget* root)
{
    QStringList found;
    for (const QString& text : surfaceTexts(root)) {
        if (looksUntranslated(text))
            found << text;
    }
    return found;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        SqlThreadGuard::guardThread(QThread::currentThread());
    }

    void cleanup()
    {
        installTranslations(QLocale(QStringLiteral("en")));
        QCOMPARE(SqlThreadGuard::countOnGuardedThread(), 0LL);
    }

    void everyLanguageIsBuiltIn()
    {
        for (const Language& language : availableLanguages()) {
            QVERIFY(!language.nativeName.isEmpty());
            QCOMPARE(installTranslations(QLocale(language.name)), language.name);
        }
        // A language TaskDeck does not speak falls back to English rather than failing.
        QCOMPARE(installTranslations(QLocale(QStringLiteral("fr_FR"))), QStringLiteral("en"));
    }

    void coreMessagesFollowTheLanguage()
    {
        const auto english = Locator::parse(QStringLiteral("bogus:"));
        QVERIFY(!english);
        QVERIFY2(english.error().message.contains(QLatin1String("is not a database locator")),
                 qPrintable(english.error().message));

        QCOMPARE(installTranslations(QLocale(QStringLiteral("zh_CN"))), QStringLiteral("zh_CN"));
        const auto chinese = Locator::parse(QStringLiteral("bogus:"));
        QVERIFY(!chinese);
        QVERIFY2(chinese.error().message.contains(QStringLiteral("不是数据库定位符")),
                 qPrintable(chinese.error().message));
        QVERIFY2(chinese.error().message.contains(QStringLiteral("请使用 sqlite:PATH")),
                 qPrintable(chinese.error().message));
    }

    void commandLineSpeaksTheLanguage()
    {
        QCOMPARE(installTranslations(QLocale(QStringLiteral("zh_CN"))), QStringLiteral("zh_CN"));
        QString out;
        QString err;
        QTextStream outStream(&out);
        QTextStream errStream(&err);
        CtlCommandLine commandLine(outStream, errStream, nullptr);
        QCOMPARE(commandLine.run({QStringLiteral("taskdeckctl"), QStringLiteral("frob")}), 2);
        errStream.flush();
        QVERIFY2(err.contains(QStringLiteral("未知命令“frob”")), qPrintable(err));
        QCOMPARE(commandLine.run({QStringLiteral("taskdeckctl"), QStringLiteral("--help")}), 0);
        outStream.flush();
        QVERIFY2(out.contains(QStringLiteral("用法：taskdeckctl")), qPrintable(out));
    }

    void mainWindowSurfacesAreChineseInZhCn()
    {
        QCOMPARE(installTranslations(QLocale(QStringLiteral("zh_CN"))), QStringLiteral("zh_CN"));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MainWindow window;
        window.show();
        ConnectionPage* page = window.openDemo(dir.filePath(QStringLiteral("demo.db")));
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(page->client()->state() == ClientState::Connected, kWait);
        // Every tab once, so that views built or filled on first show are there; rows arrive from the demo.
        for (int i = 0; i < page->tabs()->count(); ++i) {
            page->tabs()->setCurrentIndex(i);
            QTest::qWait(0);
        }
        QTRY_VERIFY_WITH_TIMEOUT(page->tasksView()->model()->rowCount() > 0, kWait);

        const QStringList texts = surfaceTexts(&window);
        QVERIFY2(texts.size() > 100, qPrintable(QString::number(texts.size())));
        QStringList menuTitles;
        for (QAction* menu : window.menuBar()->actions())
            menuTitles << menu->text();
        QCOMPARE(menuTitles,
                 (QStringList{QStringLiteral("文件(&F)"), QStringLiteral("视图(&V)"), QStringLiteral("任务(&T)"),
                              QStringLiteral("帮助(&H)")}));
        QStringList tabTitles;
        for (int i = 0; i < page->tabs()->count(); ++i)
            tabTitles << page->tabs()->tabText(i);
        QVERIFY2(tabTitles.contains(QStringLiteral("任务(&T)")), qPrintable(tabTitles.join(QLatin1Char('|'))));
        const QStringList left = untranslated(&window);
        QVERIFY2(left.isEmpty(),
                 qPrintable(QStringLiteral("English left on the main window: ") + left.join(QStringLiteral(" | "))));
        QVERIFY2(hasChinese(window.statusText()), qPrintable(window.statusText()));
    }

    void dialogsAreChineseInZhCn()
    {
        QCOMPARE(installTranslations(QLocale(QStringLiteral("zh_CN"))), QStringLiteral("zh_CN"));
        ConnectionDialog connection;
        EnqueueDialog enqueue;
        ScheduleDialog schedule;
        for (QDialog* dialog : std::initializer_list<QDialog*>{&connection, &enqueue, &schedule}) {
            dialog->show();
            QVERIFY2(hasChinese(dialog->windowTitle()), qPrintable(dialog->windowTitle()));
            const QStringList left = untranslated(dialog);
            QVERIFY2(left.isEmpty(),
                     qPrintable(QLatin1String(dialog->metaObject()->className()) + QStringLiteral(": ") +
                                left.join(QStringLiteral(" | "))));
        }
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
