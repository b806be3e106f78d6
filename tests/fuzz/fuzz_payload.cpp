// libFuzzer target: payload handling — the check every enqueue runs (one JSON value, no NUL, bounded size) and the
// rule for handler output (never rejected: NUL replaced, length cut). Whatever the bytes: no crash; an accepted
// payload is valid JSON without NUL; handler text comes back without NUL and within its limit.

#include "FuzzTarget.h"
#include "common/TextRules.h"

#include <QJsonDocument>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    auto payload = taskdeck::normalizePayload(text);
    if (payload) {
        if (payload->contains(QChar(u'\0')))
            std::abort();
        QJsonParseError error{};
        QJsonDocument::fromJson(QByteArray("[") + payload->toUtf8() + "]", &error);
        if (error.error != QJsonParseError::NoError)
            std::abort();
    }
    const QString kept = taskdeck::sanitizeHandlerText(text, 256);
    if (kept.contains(QChar(u'\0')) || kept.size() > 256 + 64)
        std::abort();
    (void)taskdeck::validateSearchText(text);
    (void)taskdeck::validateName(QStringLiteral("queue"), text, taskdeck::TextLimits::kQueueName);
    return 0;
}
