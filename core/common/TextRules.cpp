#include "common/TextRules.h"

#include "common/JsonSyntax.h"
#include "common/Translate.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace taskdeck {

namespace {

bool hasControlCharacter(const QString& value)
{
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    }
    return false;
}

// QJsonDocument only parses objects and arrays: wrapping the text in an array accepts any JSON value.
bool isSingleJsonValue(const QString& json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson('[' + json.toUtf8() + ']', &error);
    return error.error == QJsonParseError::NoError && doc.isArray() && doc.array().size() == 1;
}

} // namespace

Status validateName(const QString& what, const QString& value, int maxLength)
{
    if (value.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("%1 must not be empty").arg(what));
    if (value.contains(QChar(0)))
        return makeError(ErrorCode::InvalidArgument,
                         tr("%1 contains a NUL character, which no database stores "
                            "reliably: remove it")
                             .arg(what));
    if (hasControlCharacter(value))
        return makeError(ErrorCode::InvalidArgument,
                         tr("%1 contains a control character (tab, newline, …): use printable text").arg(what));
    if (value.front().isSpace() || value.back().isSpace())
        return makeError(ErrorCode::InvalidArgument,
                         tr("%1 '%2' starts or ends with a space: remove it").arg(what, value));
    if (value.size() > maxLength)
        return makeError(
            ErrorCode::InvalidArgument,
            tr("%1 is %2 characters long; at most %3 are allowed").arg(what).arg(value.size()).arg(maxLength));
    return {};
}

Status validateUniqueKey(const QString& value)
{
    return validateName(tr("unique key"), value, TextLimits::kUniqueKey);
}

Status validateSearchText(const QString& value)
{
    if (value.contains(QChar(0)))
        return makeError(ErrorCode::InvalidArgument, tr("search text contains a NUL character: remove it"));
    if (value.size() > TextLimits::kSearchText)
        return makeError(ErrorCode::InvalidArgument,
                         tr("search text is %1 characters long; at most %2 are allowed")
                             .arg(value.size())
                             .arg(TextLimits::kSearchText));
    return {};
}

Result<QString> normalizePayload(const QString& json)
{
    if (json.trimmed().isEmpty())
        return QStringLiteral("{}");
    if (json.contains(QChar(0)))
        return makeError(ErrorCode::InvalidArgument, tr("payload contains a NUL character: remove it"));
    const qsizetype bytes = json.toUtf8().size();
    if (bytes > TextLimits::kPayloadBytes)
        return makeError(ErrorCode::InvalidArgument,
                         tr("payload is %1 bytes; at most %2 are allowed — store large "
                            "data elsewhere and pass a reference")
                             .arg(bytes)
                             .arg(TextLimits::kPayloadBytes));
    if (const auto problem = JsonSyntax::check(json))
        return makeError(ErrorCode::InvalidArgument,
                         tr("payload is not valid JSON at line %1, column %2: %3")
                             .arg(problem->line)
                             .arg(problem->column)
                             .arg(problem->message));
    // PostgreSQL's jsonb rejects the escaped NUL too; refuse it everywhere so that all backends agree.
    if (json.contains(QLatin1String("\\u0000")))
        return makeError(ErrorCode::InvalidArgument, tr("payload contains an escaped NUL (\\u0000): remove it"));
    return json;
}

QString sanitizeHandlerText(const QString& text, int maxLength)
{
    QString out = text;
    out.replace(QChar(0), QChar(0xfffd));
    if (out.size() > maxLength) {
        const QString marker = tr(" …[cut: %1 more characters]").arg(out.size() - maxLength);
        out.truncate(maxLength);
        // Never leave half of a surrogate pair at the cut.
        if (!out.isEmpty() && out.back().isHighSurrogate())
            out.chop(1);
        out += marker;
    }
    return out;
}

QString sanitizeResultJson(const QString& json)
{
    if (json.isEmpty())
        return {};
    if (!json.contains(QChar(0)) && !json.contains(QLatin1String("\\u0000")) &&
        json.toUtf8().size() <= TextLimits::kResultBytes && isSingleJsonValue(json))
        return json;
    const QString text = sanitizeHandlerText(json, TextLimits::kResultBytes / 4)
                             .replace(QLatin1String("\\u0000"), QStringLiteral("\\ufffd"));
    const QJsonDocument doc(QJsonArray{text});
    const QByteArray encoded = doc.toJson(QJsonDocument::Compact);
    return QString::fromUtf8(encoded.mid(1, encoded.size() - 2));
}

} // namespace taskdeck
