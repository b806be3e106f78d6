#pragma once

#include "common/Result.h"
#include "db/Dialect.h"
#include "db/Locator.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace taskdeck {

// One named QSqlDatabase connection and the dialect that speaks to it. A connection belongs to the thread that
// opened it: each thread that needs the database opens its own.
class DatabaseConnection
{
public:
    enum class Create {
        IfMissing, // an SQLite file is created on first use
        No, // an SQLite file must already exist
    };

    static Result<std::unique_ptr<DatabaseConnection>> open(const Locator& locator, Create create = Create::No);
    ~DatabaseConnection();
    DatabaseConnection(const DatabaseConnection&) = delete;
    DatabaseConnection& operator=(const DatabaseConnection&) = delete;

    QSqlDatabase& database() { return m_database; }
    const Dialect& dialect() const { return *m_dialect; }
    const Locator& locator() const { return m_locator; }

private:
    DatabaseConnection(Locator locator, QString name, std::unique_ptr<Dialect> dialect);

    Locator m_locator;
    QString m_name;
    QSqlDatabase m_database;
    std::unique_ptr<Dialect> m_dialect;
};

} // namespace taskdeck
