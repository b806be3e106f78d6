#pragma once

namespace taskdeck {

// Prepares the process for its first ODBC connection. Debian's odbcinst.ini switches psqlODBC's communication log
// on for every program; that log lands in world-readable /tmp files and holds connection strings. A CommLog=0 in
// the connection string silences it only while a connection is open: psqlODBC logs the disconnect under the
// driver-wide setting again. So, when the system registry enables it and ODBCSYSINI is not set already, this
// points unixODBC at a private copy of the registry (and of the system DSNs) with the log off. Idempotent.
void prepareOdbcEnvironment();

} // namespace taskdeck
