#pragma once

// The types the store's units and its facade (TaskStore) share.

#include "common/Clock.h"
#include "common/Result.h"
#include "db/Dialect.h"
#include "store/Requests.h"
#include "store/RetryPolicy.h"
#include "store/Schedules.h"
#include "store/Task.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>

#include <functional>
#include <optional>

namespace taskdeck {

struct StoreOptions
{
    const Clock* clock = nullptr; // nullptr: the database's clock (production); a Clock: tests
    RetryPolicy retryPolicy; // for queues that do not set their own
    bool recordSuccessfulRuns = true; // every non-success run is always recorded
    QString actor; // for the audit log; empty: user@host of this process
    std::function<double()> random; // [0, 1) for backoff jitter; empty: a real random generator
};

enum class SchemaMode {
    Require, // the schema must exist and be compatible
    CreateOrUpgrade, // create the database and schema, or apply pending migrations (`init`)
    // As Require, but a schema too new for this build opens read-only (the console shows it; writes are refused)
    // instead of failing.
    ReadOnlyIfTooNew,
};

struct SchemaInfo
{
    int databaseVersion = 0;
    int oldestCompatible = 0;
    int binaryVersion = 0;
};

// Told how many ids are done after each committed batch; returning false stops before the next batch (what is done
// stays done, and the audit log says where it stopped).
using ProgressCallback = std::function<bool(qint64 done, qint64 total)>;

} // namespace taskdeck
