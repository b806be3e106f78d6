// libFuzzer target: the worker configuration parser (the allow-list of handlers). Whatever the bytes: no crash;
// either a configuration or an error that names the file.

#include "FuzzTarget.h"
#include "db/Locator.h"
#include "executor/WorkerConfig.h"

#include <QByteArray>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    static const taskdeck::Locator database = *taskdeck::Locator::parse(QStringLiteral("sqlite:/nonexistent/fuzz.db"));
    const QByteArray text(reinterpret_cast<const char*>(data), qsizetype(size));
    auto config = taskdeck::WorkerConfig::parse(text, QStringLiteral("fuzz.json"), database);
    if (!config && !config.error().message.contains(QLatin1String("fuzz.json")))
        std::abort(); // every error says which file
    return 0;
}
