#include "db/Locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace taskdeck {

namespace {

bool isPasswordKey(const QString& key)
{
    return key.compare(QLatin1String("PWD"), Qt::CaseInsensitive) == 0 ||
        key.compare(QLatin1String("Password"), Qt::CaseInsensitive) == 0;
}

const QStringList& knownDialects()
{
    static const QStringList names{QStringLiteral("sqlite"), QStringLiteral("postgresql"), QStringLiteral("mariadb"),
                                   QStringLiteral("mysql"), QStringLiteral("sqlserver")};
    return names;
}

// libpq options we pass through; anything else is refused rather than handed to the driver unchecked.
const QStringList& knownPostgresOptions()
{
    static const QStringList names{QStringLiteral("sslmode"),
                                   QStringLiteral("sslrootcert"),
                                   QStringLiteral("sslcert"),
                                   QStringLiteral("sslkey"),
                                   QStringLiteral("connect_timeout"),
                                   QStringLiteral("application_name"),
                                   QStringLiteral("target_session_attrs"),
                                   QStringLiteral("keepalives"),
                                   QStringLiteral("keepalives_idle"),
                                   QStringLiteral("gssencmode"),
                                   QStringLiteral("channel_binding")};
    return names;
}

} // namespace

Result<Locator> Locator::parse(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("the database locator is empty: ") + formsHint());

    Locator locator;
    if (trimmed.startsWith(QLatin1String("sqlite:"), Qt::CaseInsensitive)) {
        QString path = trimmed.mid(7);
        if (path.startsWith(QLatin1String("//")))
            path = path.mid(2);
        if (path.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             tr("the sqlite: locator needs a file path, e.g. sqlite:/var/lib/taskdeck/tasks.db"));
        if (path.contains(QChar(0)))
            return makeError(ErrorCode::InvalidArgument, tr("the database path contains a NUL character"));
        locator.m_kind = Kind::Sqlite;
        locator.m_sqlitePath = QDir::cleanPath(path);
        return locator;
    }

    if (trimmed.startsWith(QLatin1String("odbc:"), Qt::CaseInsensitive)) {
        const QString connection = trimmed.mid(5);
        const auto pairs = splitOdbcConnectionString(connection);
        if (pairs.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             tr("the odbc: locator needs a connection string, e.g. odbc:DSN=tasks or "
                                "odbc:DRIVER={PostgreSQL Unicode};SERVER=127.0.0.1;DATABASE=td;UID=taskdeck"));
        QStringList kept;
        for (const auto& [key, value] : pairs) {
            if (key.isEmpty())
                return makeError(ErrorCode::InvalidArgument,
                                 tr("the ODBC connection string has a part without KEY=: '%1'").arg(value));
            if (key.compare(QLatin1String("dialect"), Qt::CaseInsensitive) == 0) {
                const QString dialect = value.toLower();
                if (!knownDialects().contains(dialect))
                    return makeError(ErrorCode::InvalidArgument,
                                     tr("unknown dialect '%1': use one of %2").arg(value, knownDialects().join(u", ")));
                locator.m_dialectOverride = dialect == QLatin1String("mysql") ? QStringLiteral("mariadb") : dialect;
                continue;
            }
            kept << key + QLatin1Char('=') + quoteOdbcValue(value);
        }
        if (kept.isEmpty())
            return makeError(ErrorCode::InvalidArgument, tr("the ODBC connection string names no DSN or DRIVER"));
        locator.m_kind = Kind::Odbc;
        locator.m_odbcConnectionString = kept.join(QLatin1Char(';'));
        return locator;
    }

    if (trimmed.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) ||
        trimmed.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive)) {
        const QUrl url(trimmed, QUrl::StrictMode);
        if (!url.isValid())
            return makeError(ErrorCode::InvalidArgument,
                             tr("the PostgreSQL locator is not a valid URL (%1): use "
                                "postgresql://USER@HOST:PORT/DATABASE?sslmode=require")
                                 .arg(url.errorString()));
        locator.m_kind = Kind::PostgreSql;
        locator.m_host = url.host();
        if (locator.m_host.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             tr("the PostgreSQL locator names no host: postgresql://USER@HOST:PORT/DATABASE"));
        locator.m_port = url.port(5432);
        locator.m_database = url.path().mid(1);
        if (locator.m_database.isEmpty() || locator.m_database.contains(QLatin1Char('/')))
            return makeError(ErrorCode::InvalidArgument,
                             tr("the PostgreSQL locator names no database: postgresql://USER@HOST:PORT/DATABASE"));
        locator.m_user = url.userName();
        locator.m_password = url.password();
        static const QRegularExpression safeValue(QStringLiteral("^[A-Za-z0-9_./:@+-]*$"));
        const QUrlQuery query(url);
        for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (!knownPostgresOptions().contains(key))
                return makeError(ErrorCode::InvalidArgument,
                                 tr("unknown PostgreSQL option '%1': supported are %2")
                                     .arg(key, knownPostgresOptions().join(u", ")));
            if (!safeValue.match(value).hasMatch())
                return makeError(ErrorCode::InvalidArgument,
                                 tr("the value of PostgreSQL option '%1' may contain only letters, digits and "
                                    "_ . / : @ + -")
                                     .arg(key));
            locator.m_postgresOptions.append({key, value});
        }
        return locator;
    }

    const int colon = trimmed.indexOf(QLatin1Char(':'));
    const QString scheme = colon > 0 ? trimmed.left(colon) : QString();
    if (scheme.compare(QLatin1String("mysql"), Qt::CaseInsensitive) == 0 ||
        scheme.compare(QLatin1String("mariadb"), Qt::CaseInsensitive) == 0 ||
        scheme.compare(QLatin1String("sqlserver"), Qt::CaseInsensitive) == 0 ||
        scheme.compare(QLatin1String("mssql"), Qt::CaseInsensitive) == 0)
        return makeError(ErrorCode::InvalidArgument,
                         tr("%1 is reached through ODBC: use odbc:DRIVER={…};SERVER=…;DATABASE=…;UID=… or "
                            "odbc:DSN=NAME")
                             .arg(scheme));
    return makeError(ErrorCode::InvalidArgument,
                     tr("'%1' is not a database locator: %2").arg(redactedText(trimmed), formsHint()));
}

QString Locator::redactedText(const QString& text)
{
    // Used on text that failed to parse: hide anything after a ':' that could be a password.
    static const QRegularExpression userInfo(QStringLiteral("//([^/@:]*):[^/@]*@"));
    static const QRegularExpression pwd(QStringLiteral("(PWD|Password)\\s*=\\s*(\\{[^}]*\\}|[^;]*)"),
                                        QRegularExpression::CaseInsensitiveOption);
    QString out = text;
    out.replace(userInfo, QStringLiteral("//\\1:***@"));
    out.replace(pwd, QStringLiteral("\\1=***"));
    return out;
}

Locator Locator::defaultEmbedded()
{
    Locator locator;
    locator.m_kind = Kind::Sqlite;
    locator.m_sqlitePath = defaultEmbeddedPath();
    return locator;
}

QString Locator::defaultEmbeddedPath()
{
    // GenericDataLocation, not AppDataLocation: the console and taskdeckctl must find the same default database.
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("taskdeck/taskdeck.db"));
}

QString Locator::qtDriverName() const
{
    switch (m_kind) {
    case Kind::Sqlite:
        return QStringLiteral("QSQLITE");
    case Kind::Odbc:
        return QStringLiteral("QODBC");
    case Kind::PostgreSql:
        return QStringLiteral("QPSQL");
    }
    return {};
}

QString Locator::driverPackageHint() const
{
    switch (m_kind) {
    case Kind::Sqlite:
        return QStringLiteral("libqt6sql6-sqlite");
    case Kind::Odbc:
        return QStringLiteral("libqt6sql6-odbc");
    case Kind::PostgreSql:
        return QStringLiteral("libqt6sql6-psql");
    }
    return {};
}

QString Locator::redacted() const
{
    switch (m_kind) {
    case Kind::Sqlite:
        return QLatin1String("sqlite:") + m_sqlitePath;
    case Kind::Odbc: {
        QStringList parts;
        for (const auto& [key, value] : splitOdbcConnectionString(m_odbcConnectionString))
            parts << key + QLatin1Char('=') + (isPasswordKey(key) ? QStringLiteral("***") : quoteOdbcValue(value));
        if (!m_dialectOverride.isEmpty())
            parts << QLatin1String("dialect=") + m_dialectOverride;
        return QLatin1String("odbc:") + parts.join(QLatin1Char(';'));
    }
    case Kind::PostgreSql: {
        QString out = QLatin1String("postgresql://");
        if (!m_user.isEmpty())
            out += m_user + (m_password.isEmpty() ? QString() : QStringLiteral(":***")) + QLatin1Char('@');
        out += m_host + QLatin1Char(':') + QString::number(m_port) + QLatin1Char('/') + m_database;
        QStringList query;
        for (const auto& [key, value] : m_postgresOptions)
            query << key + QLatin1Char('=') + value;
        if (!query.isEmpty())
            out += QLatin1Char('?') + query.join(QLatin1Char('&'));
        return out;
    }
    }
    return {};
}

bool Locator::odbcHasPassword() const
{
    for (const auto& pair : splitOdbcConnectionString(m_odbcConnectionString)) {
        if (isPasswordKey(pair.first))
            return true;
    }
    return false;
}

QString Locator::postgresOptions() const
{
    QStringList parts;
    for (const auto& [key, value] : m_postgresOptions)
        parts << key + QLatin1Char('=') + value;
    return parts.join(QLatin1Char(';'));
}

QList<QPair<QString, QString>> Locator::splitOdbcConnectionString(const QString& text)
{
    QList<QPair<QString, QString>> pairs;
    QString key;
    QString value;
    bool inKey = true;
    bool inBraces = false;
    auto flush = [&]() {
        if (!key.trimmed().isEmpty() || !value.trimmed().isEmpty())
            pairs.append({key.trimmed(), inKey ? key.trimmed() : value});
        key.clear();
        value.clear();
        inKey = true;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inBraces) {
            if (c == QLatin1Char('}')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('}')) {
                    value += c;
                    ++i;
                } else {
                    inBraces = false;
                }
            } else {
                value += c;
            }
            continue;
        }
        if (inKey) {
            if (c == QLatin1Char('=')) {
                inKey = false;
            } else if (c == QLatin1Char(';')) {
                // A part with no '=': keep it visible as a key without value so that parse() can refuse it.
                if (!key.trimmed().isEmpty()) {
                    pairs.append({QString(), key.trimmed()});
                }
                key.clear();
            } else {
                key += c;
            }
            continue;
        }
        if (c == QLatin1Char('{') && value.trimmed().isEmpty()) {
            value.clear();
            inBraces = true;
        } else if (c == QLatin1Char(';')) {
            flush();
        } else {
            value += c;
        }
    }
    if (inKey) {
        if (!key.trimmed().isEmpty())
            pairs.append({QString(), key.trimmed()});
    } else {
        flush();
    }
    return pairs;
}

QString Locator::quoteOdbcValue(const QString& value)
{
    static const QRegularExpression needsBraces(QStringLiteral("[;{}=\\s]"));
    if (!value.contains(needsBraces))
        return value;
    QString escaped = value;
    escaped.replace(QLatin1Char('}'), QLatin1String("}}"));
    return QLatin1Char('{') + escaped + QLatin1Char('}');
}

} // namespace taskdeck
