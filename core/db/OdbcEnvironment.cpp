#include "db/OdbcEnvironment.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
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
    QFile copy(QDir(dirPath).filePath(QStringLiteral("odbcinst.ini")));
    if (!copy.open(QIODevice::WriteOnly | QIODevice::Truncate) || copy.write(quiet.toUtf8()) < 0)
        return;
    copy.close();
    // ODBCSYSINI moves the system DSNs too: bring them along.
    const QString dsnTarget = QDir(dirPath).filePath(QStringLiteral("odbc.ini"));
    QFile::remove(dsnTarget);
    const QString dsnSource = systemDir + QLatin1String("/odbc.ini");
    if (QFile::exists(dsnSource) && !QFile::copy(dsnSource, dsnTarget))
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
