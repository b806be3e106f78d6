#pragma once

#include <QString>

#include <functional>

class QObject;

namespace taskdeck {

// Passwords in the OS keychain (QtKeychain), never in a file: with no keychain, the console asks each time.
class PasswordVault
{
public:
    static void read(const QString& profile, QObject* context,
                     std::function<void(bool found, const QString& password, const QString& error)> done);
    static void write(const QString& profile, const QString& password, QObject* context,
                      std::function<void(const QString& error)> done);
    static void remove(const QString& profile);
};

} // namespace taskdeck
