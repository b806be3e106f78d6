#include "ui/ConnectionDialog.h"

#include "client/StoreClient.h"
#include "db/OdbcInfo.h"
#include "ui/PasswordVault.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace taskdeck {

ConnectionDialog::ConnectionDialog(QWidget* parent, std::shared_ptr<Dialogs> dialogs)
    : QDialog(parent)
    , m_dialogs(std::move(dialogs))
    , m_profiles(ConnectionProfile::loadAll())
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_sqlitePath(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_sslMode(new QComboBox(this))
    , m_dsn(new QComboBox(this))
    , m_driver(new QComboBox(this))
    , m_connectionString(new QLineEdit(this))
    , m_dialect(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("Remember in the system keychain"), this))
    , m_result(new QLabel(this))
{
    setWindowTitle(tr("Open a database"));
    m_kind->addItems({tr("SQLite file"), tr("PostgreSQL (native)"), tr("ODBC data source"), tr("ODBC driver"),
                      tr("ODBC connection string")});
    m_port->setRange(1, 65535);
    m_sslMode->addItems({QStringLiteral("disable"), QStringLiteral("prefer"), QStringLiteral("require"),
                         QStringLiteral("verify-ca"), QStringLiteral("verify-full")});
    m_dialect->addItem(tr("detect"), QString());
    m_dialect->addItem(QStringLiteral("PostgreSQL"), QStringLiteral("postgresql"));
    m_dialect->addItem(QStringLiteral("MariaDB / MySQL"), QStringLiteral("mariadb"));
    m_password->setEchoMode(QLineEdit::Password);
    m_connectionString->setPlaceholderText(QStringLiteral("DRIVER={PostgreSQL Unicode};SERVER=db1;DATABASE=tasks"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const OdbcCatalog catalog = readOdbcCatalog();
    m_dsn->addItems(catalog.dataSources);
    m_dsn->setEditable(true);
    m_driver->addItems(catalog.drivers);
    m_driver->setEditable(true);

    // Pages per kind: what differs between them.
    auto* sqlitePage = new QWidget(this);
    auto* sqliteLayout = new QHBoxLayout(sqlitePage);
    auto* browse = new QPushButton(tr("Browse…"), sqlitePage);
    sqliteLayout->addWidget(m_sqlitePath, 1);
    sqliteLayout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] {
        // An existing database is opened, not overwritten: no question about replacing it.
        const QString path = m_dialogs->saveFileName(this, tr("SQLite database"), m_sqlitePath->text(),
                                                     tr("SQLite databases (*.db *.sqlite);;All files (*)"), false);
        if (!path.isEmpty())
            m_sqlitePath->setText(path);
    });
    auto* serverPage = new QWidget(this);
    auto* serverForm = new QFormLayout(serverPage);
    serverForm->addRow(tr("Host:"), m_host);
    serverForm->addRow(tr("Port:"), m_port);
    serverForm->addRow(tr("Database:"), m_database);
    serverForm->addRow(tr("TLS (sslmode):"), m_sslMode);
    serverForm->addRow(tr("ODBC driver:"), m_driver);
    auto* dsnPage = new QWidget(this);
    auto* dsnForm = new QFormLayout(dsnPage);
    dsnForm->addRow(tr("Data source:"), m_dsn);
    auto* stringPage = new QWidget(this);
    auto* stringForm = new QFormLayout(stringPage);
    stringForm->addRow(tr("Connection string:"), m_connectionString);
    m_pages->addWidget(sqlitePage);
    m_pages->addWidget(serverPage);
    m_pages->addWidget(dsnPage);
    m_pages->addWidget(stringPage);
    const auto showKind = [this, serverForm](int kind) {
        const auto k = ConnectionProfile::Kind(kind);
        m_pages->setCurrentIndex(k == ConnectionProfile::Kind::Sqlite           ? 0
                                     : k == ConnectionProfile::Kind::OdbcDsn    ? 2
                                     : k == ConnectionProfile::Kind::OdbcString ? 3
                                                                                : 1);
        serverForm->setRowVisible(m_sslMode, k == ConnectionProfile::Kind::Postgres);
        serverForm->setRowVisible(m_driver, k == ConnectionProfile::Kind::OdbcDriver);
        const bool server = k != ConnectionProfile::Kind::Sqlite;
        m_user->setEnabled(server);
        m_password->setEnabled(server);
        m_remember->setEnabled(server);
        m_dialect->setEnabled(server && k != ConnectionProfile::Kind::Postgres);
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, showKind);

    for (const ConnectionProfile& p : std::as_const(m_profiles))
        m_list->addItem(p.name);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_profiles.size())
            loadProfile(m_profiles.at(row));
    });

    auto* form = new QFormLayout;
    form->addRow(tr("Profile name:"), m_name);
    form->addRow(tr("Kind:"), m_kind);
    form->addRow(m_pages);
    form->addRow(tr("User:"), m_user);
    form->addRow(tr("Password:"), m_password);
    form->addRow(QString(), m_remember);
    form->addRow(tr("Dialect:"), m_dialect);
    form->addRow(m_result);
    auto* test = new QPushButton(tr("&Test connection"), this);
    auto* remove = new QPushButton(tr("&Remove profile"), this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    buttons->addButton(test, QDialogButtonBox::ActionRole);
    buttons->addButton(remove, QDialogButtonBox::DestructiveRole);
    connect(test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row < 0)
            return;
        PasswordVault::remove(m_profiles.at(row).name);
        m_profiles.removeAt(row);
        delete m_list->takeItem(row);
        ConnectionProfile::saveAll(m_profiles);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        auto locator = profile().locator(password());
        if (!locator) {
            m_result->setText(locator.error().message);
            return;
        }
        saveCurrent();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* right = new QVBoxLayout;
    right->addLayout(form);
    right->addStretch();
    right->addWidget(buttons);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(right, 3);
    showKind(0);
    if (!m_profiles.isEmpty())
        m_list->setCurrentRow(0);
    resize(760, 420);
}

void ConnectionDialog::loadProfile(const ConnectionProfile& p)
{
    m_name->setText(p.name);
    m_kind->setCurrentIndex(int(p.kind));
    m_sqlitePath->setText(p.sqlitePath);
    m_host->setText(p.host);
    m_port->setValue(p.port);
    m_database->setText(p.database);
    m_user->setText(p.user);
    m_sslMode->setCurrentText(p.sslMode);
    m_dsn->setCurrentText(p.odbcDsn);
    m_driver->setCurrentText(p.odbcDriver);
    m_connectionString->setText(p.odbcConnectionString);
    m_dialect->setCurrentIndex(std::max(0, m_dialect->findData(p.dialect)));
    m_remember->setChecked(p.rememberPassword);
    m_password->clear();
    if (p.rememberPassword && p.needsPassword()) {
        PasswordVault::read(
            p.name, this, [this, name = p.name](bool found, const QString& password, const QString& error) {
                if (m_name->text() != name)
                    return;
                if (found)
                    m_password->setText(password);
                else if (!error.isEmpty())
                    m_result->setText(tr("The system keychain is not available (%1): type the password.").arg(error));
            });
    }
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile p;
    p.name = m_name->text().trimmed();
    p.kind = ConnectionProfile::Kind(m_kind->currentIndex());
    p.sqlitePath = m_sqlitePath->text().trimmed();
    p.host = m_host->text().trimmed();
    p.port = m_port->value();
    p.database = m_database->text().trimmed();
    p.user = m_user->text().trimmed();
    p.sslMode = m_sslMode->currentText();
    p.odbcDsn = m_dsn->currentText().trimmed();
    p.odbcDriver = m_driver->currentText().trimmed();
    p.odbcConnectionString = m_connectionString->text().trimmed();
    p.dialect = m_dialect->currentData().toString();
    p.rememberPassword = m_remember->isChecked();
    return p;
}

QString ConnectionDialog::password() const
{
    return m_password->text();
}

void ConnectionDialog::saveCurrent()
{
    ConnectionProfile p = profile();
    if (p.name.isEmpty())
        return; // used once, not saved
    bool replaced = false;
    for (ConnectionProfile& existing : m_profiles) {
        if (existing.name == p.name) {
            existing = p;
            replaced = true;
        }
    }
    if (!replaced)
        m_profiles << p;
    ConnectionProfile::saveAll(m_profiles);
    if (p.rememberPassword && p.needsPassword() && !password().isEmpty())
        PasswordVault::write(p.name, password(), parent() ? parent() : this, [](const QString&) {});
    else if (!p.rememberPassword)
        PasswordVault::remove(p.name);
}

void ConnectionDialog::testConnection()
{
    auto locator = profile().locator(password());
    if (!locator) {
        m_result->setText(locator.error().message);
        return;
    }
    delete m_tester;
    m_result->setText(tr("Connecting to %1…").arg(locator->redacted()));
    m_tester = new StoreClient(*locator, {}, this);
    const auto report = [this](const QString& text) {
        m_result->setText(text);
        m_tester->deleteLater();
        m_tester = nullptr;
    };
    connect(m_tester, &StoreClient::opened, this, [this, report](const SchemaInfo& schema, bool readOnly) {
        report(readOnly ? tr("Connected. The schema (version %1) is newer than this console: read-only.")
                              .arg(schema.databaseVersion)
                        : tr("Connected. TaskDeck schema version %1.").arg(schema.databaseVersion));
    });
    connect(m_tester, &StoreClient::schemaMissing, this, [report](const QString&) {
        report(tr("Connected, but this database has no TaskDeck schema yet: opening it offers to create it."));
    });
    connect(m_tester, &StoreClient::openFailed, this, [report](const QString& message) { report(message); });
    connect(m_tester, &StoreClient::stateChanged, this, [this, report](ClientState state, const QString& message) {
        if (state == ClientState::Reconnecting)
            report(tr("Cannot connect: %1").arg(message));
    });
    m_tester->open(SchemaMode::ReadOnlyIfTooNew);
}

} // namespace taskdeck
