#pragma once

#include <QString>
#include <QStringList>

namespace taskdeck {

// One numbered schema change. oldestCompatible is the oldest schema version whose binaries can still run against
// a database at this version, so that workers can be upgraded one at a time.
struct Migration
{
    int version = 0;
    int oldestCompatible = 0;
    QString description;
    QStringList statements; // run one by one: most drivers refuse several statements in one exec()
};

} // namespace taskdeck
