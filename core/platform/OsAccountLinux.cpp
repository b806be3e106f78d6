#include "platform/OsAccount.h"

#include <pwd.h>
#include <unistd.h>
#include <vector>

namespace taskdeck {

QString currentOsAccount()
{
    const uid_t uid = ::geteuid();
    long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(size > 0 ? size_t(size) : 16'384);
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) != 0 || !found || !found->pw_name)
        return QStringLiteral("uid-%1").arg(uid); // a uid without a name (containers): still the real account
    return QString::fromLocal8Bit(found->pw_name);
}

} // namespace taskdeck
