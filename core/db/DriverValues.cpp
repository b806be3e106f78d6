#include "db/DriverValues.h"

namespace taskdeck {

QVariant DriverValues::timeValue(const QDateTime& time) const
{
    if (!time.isValid())
        return QVariant(QMetaType::fromType<qlonglong>());
    return static_cast<qlonglong>(time.toMSecsSinceEpoch()); // the same instant in any zone
}

QDateTime DriverValues::readTime(const QVariant& value) const
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QVariant DriverValues::textValue(const QString& text) const
{
    if (text.isNull())
        return QVariant(QMetaType::fromType<QString>());
    if (m_textBinding == TextBinding::Utf8Bytes)
        return text.toUtf8();
    return text;
}

QVariant DriverValues::textOrNull(const QString& text) const
{
    return textValue(text.isEmpty() ? QString() : text);
}

QString DriverValues::readText(const QVariant& value) const
{
    return value.isNull() ? QString() : value.toString();
}

bool DriverValues::readBool(const QVariant& value) const
{
    if (value.isNull())
        return false;
    if (value.typeId() == QMetaType::QString)
        return value.toString() == QLatin1String("1") ||
            value.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    return value.toLongLong() != 0;
}

} // namespace taskdeck
