// libFuzzer target: the cron parser and the next-occurrence search over any text, in a zone with daylight saving
// changes and one without. Whatever the input: no crash, no hang, and an occurrence always lies in the future.

#include "FuzzTarget.h"
#include "schedule/CronExpression.h"

#include <QDateTime>
#include <QTimeZone>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > 512)
        return 0;
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    auto parsed = taskdeck::CronExpression::parse(text);
    if (!parsed)
        return 0;
    static const QTimeZone zones[] = {QTimeZone("Europe/Berlin"), QTimeZone("America/New_York"), QTimeZone::utc()};
    const QDateTime start = QDateTime(QDate(2026, 3, 29), QTime(0, 30), QTimeZone::utc());
    for (const QTimeZone& zone : zones) {
        QDateTime after = start;
        for (int i = 0; i < 3; ++i) {
            const auto next = parsed->nextAfter(after, zone);
            if (!next)
                break;
            if (*next <= after)
                std::abort(); // an occurrence that is not after the previous one would fire forever
            after = *next;
        }
    }
    return 0;
}
