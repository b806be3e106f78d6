#include "db/OdbcInfo.h"

#include "db/OdbcEnvironment.h"

#include <QSqlDriver>
#include <QVariant>

#include <iterator>

#ifdef Q_OS_WIN
#include <windows.h>
#endif
#include <sql.h>
#include <sqlext.h>

namespace taskdeck {

namespace {

QString infoString(SQLHDBC connection, SQLUSMALLINT what)
{
    SQLWCHAR buffer[512] = {};
    SQLSMALLINT length = 0;
    const SQLRETURN status = SQLGetInfoW(connection, what, buffer, sizeof(buffer), &length);
    if (!SQL_SUCCEEDED(status))
        return {};
    const int characters = std::min<int>(length / int(sizeof(SQLWCHAR)), int(std::size(buffer)) - 1);
    if constexpr (sizeof(SQLWCHAR) == 2)
        return QString::fromUtf16(reinterpret_cast<const char16_t*>(buffer), characters);
    else
        return QString::fromUcs4(reinterpret_cast<const char32_t*>(buffer), characters);
}

} // namespace

OdbcInfo OdbcInfo::read(const QSqlDatabase& db)
{
    OdbcInfo info;
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    // QODBC hands out its connection handle as a QVariant of SQLHANDLE, which is void*.
    if (!handle.isValid() || handle.metaType() != QMetaType::fromType<SQLHANDLE>())
        return info;
    const SQLHDBC connection = *static_cast<const SQLHANDLE*>(handle.constData());
    if (!connection)
        return info;
    info.dbmsName = infoString(connection, SQL_DBMS_NAME);
    info.dbmsVersion = infoString(connection, SQL_DBMS_VER);
    info.driverName = infoString(connection, SQL_DRIVER_NAME);
    return info;
}

} // namespace taskdeck

namespace taskdeck {

OdbcCatalog readOdbcCatalog()
{
    prepareOdbcEnvironment();
    OdbcCatalog catalog;
    SQLHENV env = SQL_NULL_HENV;
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)))
        return catalog;
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    // The wide (UTF-16) calls: the same names and text on unixODBC and on Windows, whose headers map the plain
    // names to them under UNICODE.
    SQLWCHAR name[512];
    SQLWCHAR description[1024];
    SQLSMALLINT nameLength = 0;
    SQLSMALLINT descriptionLength = 0;
    const auto text = [](const SQLWCHAR* chars, SQLSMALLINT length) {
        return QString::fromUtf16(reinterpret_cast<const char16_t*>(chars), length);
    };
    SQLUSMALLINT direction = SQL_FETCH_FIRST;
    while (SQL_SUCCEEDED(SQLDataSourcesW(env, direction, name, SQLSMALLINT(std::size(name)), &nameLength, description,
                                         SQLSMALLINT(std::size(description)), &descriptionLength))) {
        catalog.dataSources << text(name, nameLength);
        direction = SQL_FETCH_NEXT;
    }
    direction = SQL_FETCH_FIRST;
    while (SQL_SUCCEEDED(SQLDriversW(env, direction, name, SQLSMALLINT(std::size(name)), &nameLength, description,
                                     SQLSMALLINT(std::size(description)), &descriptionLength))) {
        catalog.drivers << text(name, nameLength);
        direction = SQL_FETCH_NEXT;
    }
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    catalog.dataSources.removeDuplicates();
    catalog.drivers.removeDuplicates();
    return catalog;
}

} // namespace taskdeck
