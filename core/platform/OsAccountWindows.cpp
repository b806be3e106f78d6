#include "platform/OsAccount.h"

#include <windows.h>

namespace taskdeck {

QString currentOsAccount()
{
    wchar_t name[257]; // UNLEN + 1
    DWORD length = DWORD(std::size(name));
    if (!GetUserNameW(name, &length) || length == 0)
        return {};
    return QString::fromWCharArray(name, int(length) - 1); // length counts the terminating NUL
}

} // namespace taskdeck
