#include "common/JsonSyntax.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace taskdeck {

namespace {

bool isSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r');
}

// The first character at or after from that is not white space (text.size() when none).
qsizetype nextSignificant(const QString& text, qsizetype from)
{
    while (from < text.size() && isSpace(text.at(from)))
        ++from;
    return from;
}

// The end of the bare word (a name without quotes) that starts at position: letters, digits, _ and $.
qsizetype bareWordEnd(const QString& text, qsizetype position)
{
    qsizetype end = position;
    while (end < text.size() &&
           (text.at(end).isLetterOrNumber() || text.at(end) == QLatin1Char('_') || text.at(end) == QLatin1Char('$')))
        ++end;
    return end;
}

// The first of the usual slips in text that does not parse, read outside strings: a trailing comma, a single quote,
// a bare word where a name or a string belongs. None when there is none of them (the parser then says what is wrong).
std::optional<JsonSyntaxError> findSlip(const QString& text)
{
    qsizetype lastSignificant = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (isSpace(c))
            continue;
        if (c == QLatin1Char('"')) { // skip the string, escapes included
            ++i;
            while (i < text.size() && text.at(i) != QLatin1Char('"'))
                i += text.at(i) == QLatin1Char('\\') ? 2 : 1;
            if (i >= text.size())
                return std::nullopt; // never closed: the parser says so
            lastSignificant = i;
            continue;
        }
        if (c == QLatin1Char('\'')) {
            return JsonSyntaxError{
                JsonSyntax::tr("single quotes: JSON writes names and strings in double quotes (\"like this\")"), i};
        }
        if ((c == QLatin1Char('}') || c == QLatin1Char(']')) && lastSignificant >= 0 &&
            text.at(lastSignificant) == QLatin1Char(',')) {
            return JsonSyntaxError{JsonSyntax::tr("a comma before '%1': remove the trailing comma").arg(c),
                                   lastSignificant};
        }
        if (c.isDigit() || c == QLatin1Char('-')) { // a number, exponent and all
            while (i + 1 < text.size() &&
                   (text.at(i + 1).isDigit() || QStringLiteral(".eE+-").contains(text.at(i + 1))))
                ++i;
        } else if (c.isLetter() || c == QLatin1Char('_') || c == QLatin1Char('$')) {
            const qsizetype end = bareWordEnd(text, i);
            const QString word = text.mid(i, end - i);
            if (word != QLatin1String("true") && word != QLatin1String("false") && word != QLatin1String("null")) {
                return JsonSyntaxError{
                    JsonSyntax::tr("'%1' has no quotes: JSON writes names and strings in double quotes (\"%1\")")
                        .arg(word),
                    i};
            }
            i = end - 1;
        }
        lastSignificant = i;
    }
    return std::nullopt;
}

} // namespace

std::optional<JsonSyntaxError> JsonSyntax::check(const QString& text)
{
    // QJsonDocument parses only objects and arrays: inside an array, any single value parses. The wrapping bracket
    // shifts every offset by one byte.
    const QByteArray wrapped = '[' + text.toUtf8() + ']';
    QJsonParseError parse{};
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &parse);
    JsonSyntaxError error;
    if (parse.error == QJsonParseError::NoError) {
        if (document.array().size() == 1)
            return std::nullopt;
        // "1, 2": more than one value. Point at the second.
        error.message = tr("more than one value: a payload is one JSON value (wrap several in [ … ])");
        qsizetype depth = 0;
        bool inString = false;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (inString) {
                if (c == QLatin1Char('\\'))
                    ++i;
                else if (c == QLatin1Char('"'))
                    inString = false;
            } else if (c == QLatin1Char('"')) {
                inString = true;
            } else if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
                ++depth;
            } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
                --depth;
            } else if (c == QLatin1Char(',') && depth == 0) {
                error.position = nextSignificant(text, i + 1);
                break;
            }
        }
    } else if (const auto slip = findSlip(text)) {
        error = *slip;
    } else {
        // Something rarer: the parser's own words, at its spot. Its offset counts bytes of the wrapped text, just
        // after what it could not take.
        const qsizetype byteOffset = std::clamp<qsizetype>(parse.offset - 1, 0, wrapped.size() - 2);
        error.position = std::min(QString::fromUtf8(wrapped.mid(1, byteOffset)).size(), text.size());
        if (parse.error == QJsonParseError::UnterminatedString)
            error.message = tr("a string that is never closed: add the closing double quote");
        else if (nextSignificant(text, error.position) >= text.size())
            error.message = tr("the text ends too early: %1").arg(parse.errorString());
        else
            error.message = parse.errorString();
    }
    const QString head = text.left(error.position);
    error.line = int(head.count(QLatin1Char('\n'))) + 1;
    error.column = int(error.position - (head.lastIndexOf(QLatin1Char('\n')) + 1)) + 1;
    return error;
}

} // namespace taskdeck
