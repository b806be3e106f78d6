#include "db/Locator.h"

#include <QTest>

using namespace taskdeck;

class TestLocator : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("redacted");
        QTest::addColumn<QString>("errorContains");

        const int sqlite = int(Locator::Kind::Sqlite);
        const int odbc = int(Locator::Kind::Odbc);
        const int pg = int(Locator::Kind::PostgreSql);
        QTest::newRow("sqlite absolute") << "sqlite:/var/lib/td/tasks.db" << true << sqlite
                                         << "sqlite:/var/lib/td/tasks.db"
                                         << "";
        QTest::newRow("sqlite relative") << "sqlite:data/tasks.db" << true << sqlite << "sqlite:data/tasks.db"
                                         << "";
        QTest::newRow("sqlite url form") << "sqlite:///tmp/x.db" << true << sqlite << "sqlite:/tmp/x.db"
                                         << "";
        QTest::newRow("sqlite no path") << "sqlite:" << false << 0 << ""
                                        << "file path";
        QTest::newRow("odbc dsn") << "odbc:DSN=tasks" << true << odbc << "odbc:DSN=tasks"
                                  << "";
        QTest::newRow("odbc driver") << "odbc:DRIVER={PostgreSQL Unicode};SERVER=127.0.0.1;PORT=5432;DATABASE=td;UID=u"
                                     << true << odbc
                                     << "odbc:DRIVER={PostgreSQL Unicode};SERVER=127.0.0.1;PORT=5432;DATABASE=td;UID=u"
                                     << "";
        QTest::newRow("odbc password hidden")
            << "odbc:DSN=tasks;UID=u;PWD={se;cr}}et}" << true << odbc << "odbc:DSN=tasks;UID=u;PWD=***"
            << "";
        QTest::newRow("odbc dialect override")
            << "odbc:DSN=x;dialect=MySQL" << true << odbc << "odbc:DSN=x;dialect=mariadb"
            << "";
        QTest::newRow("odbc unknown dialect") << "odbc:DSN=x;dialect=oracle" << false << 0 << ""
                                              << "unknown dialect";
        QTest::newRow("odbc empty") << "odbc:" << false << 0 << ""
                                    << "connection string";
        QTest::newRow("odbc part without key") << "odbc:DSN=x;junk" << false << 0 << ""
                                               << "without KEY";
        QTest::newRow("postgresql") << "postgresql://td@db.example.com:6543/tasks?sslmode=require" << true << pg
                                    << "postgresql://td@db.example.com:6543/tasks?sslmode=require"
                                    << "";
        QTest::newRow("postgres alias default port")
            << "postgres://td@10.0.0.5/tasks" << true << pg << "postgresql://td@10.0.0.5:5432/tasks"
            << "";
        QTest::newRow("postgresql password hidden")
            << "postgresql://td:s3cret@h/tasks" << true << pg << "postgresql://td:***@h:5432/tasks"
            << "";
        QTest::newRow("postgresql no database") << "postgresql://td@h:5432/" << false << 0 << ""
                                                << "names no database";
        QTest::newRow("postgresql no host") << "postgresql:///tasks" << false << 0 << ""
                                            << "names no host";
        QTest::newRow("postgresql unknown option") << "postgresql://h/db?options=-c%20x" << false << 0 << ""
                                                   << "unknown PostgreSQL option";
        QTest::newRow("postgresql unsafe option value")
            << "postgresql://h/db?sslmode=require%20host=evil" << false << 0 << ""
            << "may contain only";
        QTest::newRow("mysql scheme") << "mysql://u@h/db" << false << 0 << ""
                                      << "through ODBC";
        QTest::newRow("bare path") << "/tmp/tasks.db" << false << 0 << ""
                                   << "not a database locator";
        QTest::newRow("unknown scheme hides password") << "oracle://u:pw@h/db" << false << 0 << ""
                                                       << "u:***@";
        QTest::newRow("empty") << "  " << false << 0 << ""
                               << "empty";
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(int, kind);
        QFETCH(QString, redacted);
        QFETCH(QString, errorContains);
        const auto locator = Locator::parse(text);
        QCOMPARE(locator.ok(), valid);
        if (!valid) {
            QVERIFY2(locator.error().message.contains(errorContains), qPrintable(locator.error().message));
            QCOMPARE(locator.error().code, ErrorCode::InvalidArgument);
            QVERIFY(!locator.error().message.contains(QLatin1String("pw@")));
            return;
        }
        QCOMPARE(int(locator->kind()), kind);
        QCOMPARE(locator->redacted(), redacted);
    }

    void odbcPasswordKeptForDriver()
    {
        const auto locator = Locator::parse(QStringLiteral("odbc:DSN=tasks;UID=u;PWD={se;cr}}et}"));
        QVERIFY(locator.ok());
        QVERIFY(locator->odbcHasPassword());
        const auto pairs = Locator::splitOdbcConnectionString(locator->odbcConnectionString());
        QCOMPARE(pairs.size(), 3);
        QCOMPARE(pairs.at(2).second, QStringLiteral("se;cr}et"));
    }

    void postgresOptions()
    {
        const auto locator =
            Locator::parse(QStringLiteral("postgresql://td@h/db?sslmode=verify-full&connect_timeout=5"));
        QVERIFY(locator.ok());
        QCOMPARE(locator->postgresOptions(), QStringLiteral("sslmode=verify-full;connect_timeout=5"));
        QCOMPARE(locator->userName(), QStringLiteral("td"));
        QCOMPARE(locator->databaseName(), QStringLiteral("db"));
        QCOMPARE(locator->qtDriverName(), QStringLiteral("QPSQL"));
    }

    void defaultIsEmbeddedInDataFolder()
    {
        const Locator locator = Locator::defaultEmbedded();
        QCOMPARE(locator.kind(), Locator::Kind::Sqlite);
        QVERIFY(locator.sqlitePath().endsWith(QLatin1String("taskdeck/taskdeck.db")));
    }
};

QTEST_GUILESS_MAIN(TestLocator)
#include "tst_locator.moc"
