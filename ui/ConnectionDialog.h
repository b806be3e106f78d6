#pragma once

#include "db/Locator.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QStackedWidget;

namespace taskdeck {

class StoreClient;

// A saved connection. Kept in QSettings without its password; the password lives in the OS keychain.
struct ConnectionProfile
{
    enum class Kind {
        Sqlite,
        Postgres,
        OdbcDsn,
        OdbcDriver,
        OdbcString,
    };
    QString name;
    Kind kind = Kind::Sqlite;
    QString sqlitePath;
    QString host = QStringLiteral("127.0.0.1");
    int port = 5432;
    QString database;
    QString user;
    QString sslMode = QStringLiteral("prefer");
    QString odbcDsn;
    QString odbcDriver;
    QString odbcConnectionString; // without a password
    QString dialect; // for ODBC: empty (detect), postgresql, mariadb, mysql
    bool rememberPassword = false;

    Result<Locator> locator(const QString& password) const;
    bool needsPassword() const { return kind != Kind::Sqlite; }

    static QList<ConnectionProfile> loadAll();
    static void saveAll(const QList<ConnectionProfile>& profiles);
};

// Passwords in the OS keychain (QtKeychain), never in a file: with no keychain, the console asks each time.
class PasswordVault
{
public:
    static void read(const QString& profile, QObject* context,
                     std::function<void(bool found, const QString& password, const QString& error)> done);
    static void write(const QString& profile, const QString& password, QObject* context,
                      std::function<void(const QString& error)> done);
    static void remove(const QString& profile);
};

// Profiles: SQLite file, PostgreSQL native, ODBC (a data source from the system's list, an installed driver with
// host, port, database and user, or a pasted connection string). "Test connection" connects off the GUI thread and
// says exactly what failed.
class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectionDialog(QWidget* parent = nullptr);
    ConnectionProfile profile() const;
    QString password() const;

private:
    void loadProfile(const ConnectionProfile& profile);
    void saveCurrent();
    void testConnection();

    QList<ConnectionProfile> m_profiles;
    QListWidget* m_list;
    QLineEdit* m_name;
    QComboBox* m_kind;
    QStackedWidget* m_pages;
    QLineEdit* m_sqlitePath;
    QLineEdit* m_host;
    QSpinBox* m_port;
    QLineEdit* m_database;
    QLineEdit* m_user;
    QComboBox* m_sslMode;
    QComboBox* m_dsn;
    QComboBox* m_driver;
    QLineEdit* m_connectionString;
    QComboBox* m_dialect;
    QLineEdit* m_password;
    QCheckBox* m_remember;
    QLabel* m_result;
    StoreClient* m_tester = nullptr;
};

} // namespace taskdeck
