// The console and passwords: a saved connection profile — even one whose pasted connection string carries PWD= —
// writes no password to the settings file; the password goes to the OS keychain or nowhere (QtKeychain with its
// insecure file fallback off); a failed connection's message and the locator shown everywhere hide it. Afterwards
// no file written meanwhile, in the settings, data, cache and temporary folders, holds it.

#include "client/StoreClient.h"
#include "db/Locator.h"
#include "support/SecretScan.h"
#include "ui/ConnectionDialog.h"
#include "ui/PasswordVault.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using namespace taskdeck;

class TestConsoleSecrets : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("TaskDeck"));
        QCoreApplication::setApplicationName(QStringLiteral("taskdeck"));
    }

    void profilesAndErrorsNeverHoldThePassword()
    {
        const QString secret = QStringLiteral("pw-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QDateTime start = QDateTime::currentDateTime().addSecs(-2);

        ConnectionProfile pasted;
        pasted.name = QStringLiteral("pasted");
        pasted.kind = ConnectionProfile::Kind::OdbcString;
        pasted.odbcConnectionString =
            QStringLiteral("DRIVER={PostgreSQL Unicode};SERVER=127.0.0.1;PORT=1;DATABASE=tasks;UID=app;PWD=") + secret;
        pasted.rememberPassword = true;
        ConnectionProfile native;
        native.name = QStringLiteral("native");
        native.kind = ConnectionProfile::Kind::Postgres;
        native.host = QStringLiteral("127.0.0.1");
        native.port = 1;
        native.database = QStringLiteral("tasks");
        native.user = QStringLiteral("app");
        native.rememberPassword = true;
        ConnectionProfile::saveAll({pasted, native});

        // The keychain gets it or refuses it (no Secret Service here): either way no file of ours holds it.
        QString vaultError = QStringLiteral("pending");
        PasswordVault::write(native.name, secret, this, [&vaultError](const QString& error) { vaultError = error; });
        QTRY_VERIFY_WITH_TIMEOUT(vaultError != QLatin1String("pending"), 30'000);
        qInfo("keychain: %s", vaultError.isEmpty() ? "stored" : qPrintable(vaultError));
        QSettings().sync();

        const QList<ConnectionProfile> loaded = ConnectionProfile::loadAll();
        QCOMPARE(loaded.size(), 2);
        QVERIFY2(!loaded.first().odbcConnectionString.contains(secret),
                 qPrintable(loaded.first().odbcConnectionString));
        QVERIFY(loaded.first().odbcConnectionString.contains(QLatin1String("UID=app")));

        // Used to connect — the password given at connect time — it shows nowhere, even when connecting fails.
        for (const ConnectionProfile& profile : loaded) {
            auto locator = profile.locator(secret);
            QVERIFY2(locator, locator ? "" : qPrintable(locator.error().message));
            QVERIFY(!locator->redacted().contains(secret));
            StoreClient client(*locator);
            QSignalSpy failed(&client, &StoreClient::stateChanged);
            client.open();
            QTRY_VERIFY_WITH_TIMEOUT(
                client.state() == ClientState::Reconnecting || client.state() == ClientState::Closed, 30'000);
            QVERIFY2(!client.stateMessage().contains(secret), qPrintable(client.stateMessage()));
            for (const QList<QVariant>& change : std::as_const(failed))
                QVERIFY2(!change.value(1).toString().contains(secret), qPrintable(change.value(1).toString()));
        }

        QStringList roots{QDir::tempPath(), QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
                          QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation),
                          QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation),
                          QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)};
        // Where a keychain daemon started for the test keeps its files: encrypted, so the password is not there.
        if (qEnvironmentVariableIsSet("XDG_DATA_HOME"))
            roots << qEnvironmentVariable("XDG_DATA_HOME");
        qint64 scanned = 0;
        const QStringList holders = test::filesHolding(secret.toUtf8(), roots, start, &scanned);
        QVERIFY2(holders.isEmpty(), qPrintable(QStringLiteral("the password is in: ") + holders.join(u", ")));
        QVERIFY2(scanned > 0 && QFileInfo::exists(QSettings().fileName()), qPrintable(QSettings().fileName()));
        qInfo("%lld files written meanwhile scanned (the settings file %s among them), none holds the password",
              scanned, qPrintable(QSettings().fileName()));
    }

    // The password's one home, when the system has a keychain: stored, read back, removed.
    void keychainKeepsThePassword()
    {
        const QString profile = QStringLiteral("keychain-check-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString secret = QStringLiteral("pw-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QString writeError = QStringLiteral("pending");
        PasswordVault::write(profile, secret, this, [&writeError](const QString& error) { writeError = error; });
        QTRY_VERIFY_WITH_TIMEOUT(writeError != QLatin1String("pending"), 30'000);
        if (!writeError.isEmpty())
            QSKIP(qPrintable(QStringLiteral("no keychain to check here (%1); the console then asks for the "
                                            "password each time")
                                 .arg(writeError)));
        bool done = false;
        bool found = false;
        QString read;
        PasswordVault::read(profile, this, [&](bool wasFound, const QString& password, const QString&) {
            found = wasFound;
            read = password;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30'000);
        QVERIFY(found);
        QCOMPARE(read, secret);
        PasswordVault::remove(profile);
        done = false;
        PasswordVault::read(profile, this, [&](bool wasFound, const QString&, const QString&) {
            found = wasFound;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30'000);
        QVERIFY(!found);
    }
};

QTEST_MAIN(TestConsoleSecrets)
#include "tst_consolesecrets.moc"
