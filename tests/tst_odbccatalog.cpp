#include "db/OdbcInfo.h"

#include <QTest>

using namespace taskdeck;

// What the connection dialog offers from the ODBC driver manager: the drivers that scripts/install-deps.sh installs
// are listed by their names in odbcinst.ini, read back whole (the wide calls, on unixODBC as on Windows).
class TestOdbcCatalog : public QObject
{
    Q_OBJECT

private slots:
    void installedDriversAreListedByName()
    {
        const OdbcCatalog catalog = readOdbcCatalog();
        for (const char* driver : {"PostgreSQL Unicode", "MariaDB Unicode"})
            QVERIFY2(catalog.drivers.contains(QLatin1String(driver)), qPrintable(catalog.drivers.join(u'|')));
        for (const QString& name : catalog.drivers)
            QVERIFY2(!name.isEmpty() && !name.contains(QChar(0)), qPrintable(name));
    }
};

QTEST_GUILESS_MAIN(TestOdbcCatalog)
#include "tst_odbccatalog.moc"
