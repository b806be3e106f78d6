// libFuzzer target: the database locator parser (--db, TASKDECK_DB, the console's profiles). Whatever the input: no
// crash, and a password in it never appears in the redacted form that goes to logs and messages.

#include "FuzzTarget.h"
#include "db/Locator.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > 4096)
        return 0;
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    auto locator = taskdeck::Locator::parse(text);
    if (!locator) {
        (void)locator.error().message.size();
        return 0;
    }
    const QString redacted = locator->redacted();
    const QString password = locator->password();
    // Only a password that occurs once in the input can be told from the same text elsewhere in it (an option
    // value that repeats it is not the password leaking).
    if (password.size() >= 4 && text.count(password) == 1 && redacted.contains(password))
        std::abort();
    (void)locator->qtDriverName();
    (void)locator->driverPackageHint();
    return 0;
}
