#pragma once

#include <QFile>
#include <QString>
#include <QStringList>

namespace taskdeck::test {

// The statements of a SQL script as a database client would send them: split at semicolons outside quotes
// ('…', "…", `…`), dollar quotes ($$…$$, $tag$…$tag$) and comments (-- to the end of the line, /* … */), with the
// comments dropped. Enough for the scripts TaskDeck ships (resources/sql/<dialect>/*.sql).
inline QStringList splitSqlScript(const QString& script)
{
    QStringList statements;
    QString current;
    auto flush = [&] {
        if (!current.trimmed().isEmpty())
            statements << current.trimmed();
        current.clear();
    };
    const qsizetype n = script.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = script.at(i);
        if (c == QLatin1Char('-') && i + 1 < n && script.at(i + 1) == QLatin1Char('-')) {
            while (i < n && script.at(i) != QLatin1Char('\n'))
                ++i;
            current += QLatin1Char('\n');
        } else if (c == QLatin1Char('/') && i + 1 < n && script.at(i + 1) == QLatin1Char('*')) {
            const qsizetype end = script.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? n : end + 1;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            qsizetype end = i + 1;
            while (end < n && script.at(end) != c)
                ++end;
            current += script.mid(i, end - i + 1);
            i = end;
        } else if (c == QLatin1Char('$')) {
            const qsizetype tagEnd = script.indexOf(QLatin1Char('$'), i + 1);
            const QString tag = tagEnd < 0 ? QString() : script.mid(i, tagEnd - i + 1);
            bool isTag = !tag.isEmpty();
            for (qsizetype k = 1; isTag && k + 1 < tag.size(); ++k)
                isTag = tag.at(k).isLetterOrNumber() || tag.at(k) == QLatin1Char('_');
            if (isTag) {
                const qsizetype close = script.indexOf(tag, tagEnd + 1);
                const qsizetype end = close < 0 ? n : close + tag.size();
                current += script.mid(i, end - i);
                i = end - 1;
            } else {
                current += c;
            }
        } else if (c == QLatin1Char(';')) {
            flush();
        } else {
            current += c;
        }
    }
    flush();
    return statements;
}

// A script of the source tree, e.g. "resources/sql/postgresql/roles.sql"; empty if it cannot be read.
inline QString readSourceFile(const QString& relativePath)
{
    QFile file(QStringLiteral(TASKDECK_SOURCE_DIR "/") + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

} // namespace taskdeck::test
