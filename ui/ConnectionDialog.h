#pragma once

#include "ui/ConnectionProfile.h"
#include "ui/Dialogs.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QStackedWidget;

namespace taskdeck {

class StoreClient;

// Profiles: SQLite file, PostgreSQL native, ODBC (a data source from the system's list, an installed driver with
// host, port, database and user, or a pasted connection string). "Test connection" connects off the GUI thread and
// says exactly what failed.
class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectionDialog(QWidget* parent = nullptr, std::shared_ptr<Dialogs> dialogs = Dialogs::standard());
    ConnectionProfile profile() const;
    QString password() const;

private:
    void loadProfile(const ConnectionProfile& profile);
    void saveCurrent();
    void testConnection();

    std::shared_ptr<Dialogs> m_dialogs;
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
