#pragma once

#include <QDateTime>
#include <QString>
#include <QVariant>

namespace taskdeck {

// How values cross the driver boundary. Times go as integer milliseconds since the epoch (UTC), so that no driver
// can shift them by a time zone (Dialect::timeColumn() renders a stored time so, Dialect::timeParameter() turns a
// bound number back into the database's type). Drivers differ in how they bind strings and return booleans.
class DriverValues
{
public:
    enum class TextBinding {
        String,
        Utf8Bytes, // MariaDB's ODBC driver stores an extra NUL after every bound QString; bound as UTF-8 it does not
    };
    explicit DriverValues(TextBinding textBinding = TextBinding::String)
        : m_textBinding(textBinding)
    { }

    // An invalid time as NULL.
    QVariant timeValue(const QDateTime& time) const;
    QDateTime readTime(const QVariant& value) const;
    // A null text as NULL.
    QVariant textValue(const QString& text) const;
    // An empty text as NULL too.
    QVariant textOrNull(const QString& text) const;
    QString readText(const QVariant& value) const;
    bool readBool(const QVariant& value) const;

private:
    TextBinding m_textBinding;
};

} // namespace taskdeck
