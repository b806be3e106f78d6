#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

namespace taskdeck::test {

// Files under roots modified at or after since that contain secret: where a password leaked to. The throw-away
// database servers' own files (scripts/with-test-servers.sh) are not TaskDeck's and are left out. *scanned counts the
// files read.
inline QStringList filesHolding(const QByteArray& secret, const QStringList& roots, const QDateTime& since,
                                qint64* scanned)
{
    QStringList holders;
    QStringList unique = roots;
    unique.removeDuplicates();
    for (const QString& root : std::as_const(unique)) {
        QDirIterator files(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            if (path.contains(QLatin1String("/taskdeck-servers.")))
                continue;
            const QFileInfo info = files.fileInfo();
            if (info.lastModified() < since || info.size() > 64 * 1024 * 1024)
                continue;
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            ++*scanned;
            if (file.readAll().contains(secret))
                holders << path;
        }
    }
    return holders;
}

} // namespace taskdeck::test
