#pragma once

#include <QString>

namespace taskdeck {

// The operating system's name for the account this process runs as, read from the system (not from $USER or
// %USERNAME%, which are unset under many service managers and can be set to anything). On Linux a uid without a
// name (in a container) reads "uid-N"; empty only when the system refuses to say.
QString currentOsAccount();

} // namespace taskdeck
