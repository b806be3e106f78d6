#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace taskdeck {

// Where a JSON text is wrong and why, in words that name the usual slips (a trailing comma, a name or string in
// single quotes or none) instead of the parser's ("object is missing after a comma" for a trailing comma).
struct JsonSyntaxError
{
    QString message;
    qsizetype position = 0; // the character (not byte) of the text where it goes wrong
    int line = 1; // 1-based
    int column = 1; // 1-based, in characters
};

class JsonSyntax
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::JsonSyntax)
public:
    // None when text is one JSON value (an object, an array, a string, a number, true, false or null).
    static std::optional<JsonSyntaxError> check(const QString& text);
};

} // namespace taskdeck
