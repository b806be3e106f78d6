#include "db/OdbcEnvironment.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtGlobal>

#include <mutex>

namespace taskdeck {

namespace {

#ifdef Q_OS_UNIX
bool enablesPsqlOdbcLog(const QString& registry)
{
    // A section whose driver is psqlODBC and that sets CommLog or Debug to a non-zero value.
    static const QRegularExpression sectionStart(QStringLiteral("^\\s*\\["));
    static const QRegularExpression logOn(QStringLiteral("^\\s*(CommLog|Debug)\\s*=\\s*[1-9]"),
                                          QRegularExpression::CaseInsensitiveOption);
    bool psqlSection = false;
    bool logInSection = false;
    for (const QString& line : registry.split(QLatin1Char('\n'))) {
        if (sectionStart.match(line).hasMatch()) {
            if (psqlSection && logInSection)
                return true;
            psqlSection = false;
            logInSection = false;
        } else if (line.contains(QLatin1String("psqlodbc"), Qt::CaseInsensitive)) {
            psqlSection = true;
        } else if (logOn.match(line).hasMatch()) {
            logInSection = true;
        }
    }
    return psqlSection && logInSection;
}

void redirectRegistry()
{
    if (qEnvironmentVariableIsSet("ODBCSYSINI"))
        return; // the user chose a registry: leave it alone
    const QString systemDir = QStringLiteral("/etc");
    QFile drivers(systemDir + QLatin1String("/odbcinst.ini"));
    if (!drivers.open(QIODevice::ReadOnly))
        return;
    const QString registry = QString::fromUtf8(drivers.readAll());
    if (!enablesPsqlOdbcLog(registry))
        return;

    // The runtime folder is private to the user; without XDG_RUNTIME_DIR (services, root shells) Qt would warn and
    // invent one, so use the user's cache folder instead.
    const QString base = qEnvironmentVariableIsSet("XDG_RUNTIME_DIR")
        ? QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation)
        : QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    const QString dirPath = QDir(base).filePath(QStringLiteral("taskdeck-odbc"));
    if (!QDir().mkpath(dirPath))
        return;
    QFile::setPermissions(dirPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    static const QRegularExpression logSetting(QStringLiteral("^(\\s*(?:CommLog|Debug)\\s*=\\s*)[1-9][0-9]*"),
                                               QRegularExpression::CaseInsensitiveOption |
                                                   QRegularExpression::MultilineOption);
    QString quiet = registry;
    quiet.replace(logSetting, QStringLiteral("\\g<1>0"));
    // Several TaskDeck processes share this folder and may start together: each file is replaced atomically
    // (written aside, then renamed), and only when its content changes, so that no process reads a half-written one.
    auto publish = [&](const QString& name, const QByteArray& content) {
        const QString path = QDir(dirPath).filePath(name);
        QFile current(path);
        if (current.open(QIODevice::ReadOnly) && current.readAll() == content)
            return true;
        current.close();
        QSaveFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size() && file.commit();
    };
    if (!publish(QStringLiteral("odbcinst.ini"), quiet.toUtf8()))
        return;
    // ODBCSYSINI moves the system DSNs too: bring them along.
    QByteArray dsns;
    QFile dsnSource(systemDir + QLatin1String("/odbc.ini"));
    if (dsnSource.exists()) {
        if (!dsnSource.open(QIODevice::ReadOnly))
            return;
        dsns = dsnSource.readAll();
    }
    if (!publish(QStringLiteral("odbc.ini"), dsns))
        return;
    qputenv("ODBCSYSINI", QFile::encodeName(dirPath));
}
#endif

} // namespace

void prepareOdbcEnvironment()
{
#ifdef Q_OS_UNIX
    static std::once_flag once;
    std::call_once(once, redirectRegistry);
#endif
}

} // namespace taskdeck
