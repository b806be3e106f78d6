#include "ui/ConnectionProfile.h"

#include <QSettings>
#include <QUrl>

namespace taskdeck {

namespace {

QString odbcValue(const QString& value)
{
    return Locator::quoteOdbcValue(value);
}

QString withoutPassword(const QString& connectionString)
{
    QStringList kept;
    for (const auto& [key, value] : Locator::splitOdbcConnectionString(connectionString)) {
        if (key.compare(QLatin1String("PWD"), Qt::CaseInsensitive) != 0 &&
            key.compare(QLatin1String("PASSWORD"), Qt::CaseInsensitive) != 0)
            kept << key + QLatin1Char('=') + odbcValue(value);
    }
    return kept.join(QLatin1Char(';'));
}

} // namespace

Result<Locator> ConnectionProfile::locator(const QString& password) const
{
    QString text;
    switch (kind) {
    case Kind::Sqlite:
        text = QLatin1String("sqlite:") + sqlitePath;
        break;
    case Kind::Postgres: {
        QUrl url;
        url.setScheme(QStringLiteral("postgresql"));
        url.setHost(host);
        url.setPort(port);
        url.setUserName(user);
        url.setPath(QLatin1Char('/') + database);
        url.setQuery(QLatin1String("sslmode=") + sslMode);
        text = url.toString(QUrl::FullyEncoded);
        break;
    }
    case Kind::OdbcDsn:
        text = QLatin1String("odbc:DSN=") + odbcValue(odbcDsn);
        if (!user.isEmpty())
            text += QLatin1String(";UID=") + odbcValue(user);
        break;
    case Kind::OdbcDriver:
        text = QStringLiteral("odbc:DRIVER={%1};SERVER=%2;PORT=%3;DATABASE=%4")
                   .arg(odbcDriver, odbcValue(host))
                   .arg(port)
                   .arg(odbcValue(database));
        if (!user.isEmpty())
            text += QLatin1String(";UID=") + odbcValue(user);
        break;
    case Kind::OdbcString:
        text = QLatin1String("odbc:") + odbcConnectionString;
        break;
    }
    if (kind != Kind::Sqlite && kind != Kind::Postgres && !dialect.isEmpty())
        text += QLatin1String(";dialect=") + dialect;
    auto locator = Locator::parse(text);
    if (locator && !password.isEmpty())
        locator->setPassword(password);
    return locator;
}

QList<ConnectionProfile> ConnectionProfile::loadAll()
{
    QSettings settings;
    QList<ConnectionProfile> profiles;
    const int count = settings.beginReadArray(QStringLiteral("profiles"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile p;
        p.name = settings.value(QStringLiteral("name")).toString();
        p.kind = Kind(std::clamp(settings.value(QStringLiteral("kind")).toInt(), 0, int(Kind::OdbcString)));
        p.sqlitePath = settings.value(QStringLiteral("sqlitePath")).toString();
        p.host = settings.value(QStringLiteral("host"), p.host).toString();
        p.port = settings.value(QStringLiteral("port"), p.port).toInt();
        p.database = settings.value(QStringLiteral("database")).toString();
        p.user = settings.value(QStringLiteral("user")).toString();
        p.sslMode = settings.value(QStringLiteral("sslMode"), p.sslMode).toString();
        p.odbcDsn = settings.value(QStringLiteral("odbcDsn")).toString();
        p.odbcDriver = settings.value(QStringLiteral("odbcDriver")).toString();
        p.odbcConnectionString = settings.value(QStringLiteral("odbcConnectionString")).toString();
        p.dialect = settings.value(QStringLiteral("dialect")).toString();
        p.rememberPassword = settings.value(QStringLiteral("rememberPassword")).toBool();
        if (!p.name.isEmpty())
            profiles << p;
    }
    settings.endArray();
    return profiles;
}

void ConnectionProfile::saveAll(const QList<ConnectionProfile>& profiles)
{
    QSettings settings;
    settings.remove(QStringLiteral("profiles"));
    settings.beginWriteArray(QStringLiteral("profiles"), int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionProfile& p = profiles.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), p.name);
        settings.setValue(QStringLiteral("kind"), int(p.kind));
        settings.setValue(QStringLiteral("sqlitePath"), p.sqlitePath);
        settings.setValue(QStringLiteral("host"), p.host);
        settings.setValue(QStringLiteral("port"), p.port);
        settings.setValue(QStringLiteral("database"), p.database);
        settings.setValue(QStringLiteral("user"), p.user);
        settings.setValue(QStringLiteral("sslMode"), p.sslMode);
        settings.setValue(QStringLiteral("odbcDsn"), p.odbcDsn);
        settings.setValue(QStringLiteral("odbcDriver"), p.odbcDriver);
        // A pasted connection string may carry PWD=: it is never written to the settings file.
        settings.setValue(QStringLiteral("odbcConnectionString"), withoutPassword(p.odbcConnectionString));
        settings.setValue(QStringLiteral("dialect"), p.dialect);
        settings.setValue(QStringLiteral("rememberPassword"), p.rememberPassword);
    }
    settings.endArray();
}

} // namespace taskdeck
