#include "support/TestDatabase.h"

#include <QMutex>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace taskdeck;
using namespace taskdeck::test;

class TestSchema : public QObject
{
    Q_OBJECT

private:
    // Stamps the schema as a newer version would, the way a newer TaskDeck's migration records itself.
    static bool stampVersion(TaskStore& store, int version, int oldestCompatible)
    {
        QSqlQuery q(store.database());
        if (!q.prepare(QStringLiteral("INSERT INTO %1 (version, oldest_compatible, description, applied_at)"
                                      " VALUES (?, ?, ?, %2)")
                           .arg(store.dialect().tableName(QStringLiteral("schema_version")),
                                store.dialect().timeParameter(QStringLiteral("?")))))
            return false;
        q.addBindValue(version);
        q.addBindValue(oldestCompatible);
        q.addBindValue(store.dialect().textValue(QStringLiteral("from the future")));
        q.addBindValue(store.dialect().timeValue(QDateTime::currentDateTimeUtc()));
        return q.exec();
    }

private slots:
    void initIsIdempotent()
    {
        TestDatabase db;
        int binary = 0;
        for (int i = 0; i < 3; ++i) {
            TD_TRY(store, db.open({}, SchemaMode::CreateOrUpgrade));
            binary = TaskStore::binaryVersionFor((*store)->dialect());
            QCOMPARE((*store)->schemaInfo().databaseVersion, binary);
            QSqlQuery q((*store)->database());
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM %1")
                               .arg((*store)->dialect().tableName(QStringLiteral("schema_version")))));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), binary); // one row per migration, never repeated
        }
        QVERIFY(binary >= 1);
    }

    void concurrentInitsApplyEachMigrationOnce()
    {
        TestDatabase db;
        QMutex mutex;
        QStringList errors;
        QList<QThread*> threads;
        for (int i = 0; i < 4; ++i) {
            threads << QThread::create([&] {
                auto store = db.open({}, SchemaMode::CreateOrUpgrade);
                if (!store) {
                    QMutexLocker lock(&mutex);
                    errors << store.error().message;
                }
            });
        }
        for (QThread* thread : std::as_const(threads))
            thread->start();
        for (QThread* thread : std::as_const(threads)) {
            thread->wait();
            delete thread;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1String("; "))));
        TD_TRY(store, db.open({}, SchemaMode::Require));
        QSqlQuery q((*store)->database());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), MAX(version) FROM %1")
                           .arg((*store)->dialect().tableName(QStringLiteral("schema_version")))));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), TaskStore::binaryVersionFor((*store)->dialect()));
        QCOMPARE(q.value(1).toInt(), TaskStore::binaryVersionFor((*store)->dialect()));
    }

    void requireRefusesMissingSchema()
    {
        TestDatabase db;
        const auto store = db.open({}, SchemaMode::Require);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, ErrorCode::SchemaMissing);
        QVERIFY2(store.error().message.contains(QLatin1String("init")), qPrintable(store.error().message));
    }

    void newerCompatibleSchemaIsAccepted()
    {
        TestDatabase db;
        {
            TD_TRY(store, db.open());
            const int binary = TaskStore::binaryVersionFor((*store)->dialect());
            QVERIFY(stampVersion(**store, binary + 1, binary));
        }
        TD_TRY(store, db.open({}, SchemaMode::Require));
        QCOMPARE((*store)->schemaInfo().databaseVersion, (*store)->schemaInfo().binaryVersion + 1);
        TD_VERIFY_OK((*store)->countTasks());
        // init on a newer schema leaves it alone.
        TD_TRY(again, db.open({}, SchemaMode::CreateOrUpgrade));
        QCOMPARE((*again)->schemaInfo().databaseVersion, (*again)->schemaInfo().binaryVersion + 1);
    }

    void incompatibleSchemaIsRefused()
    {
        TestDatabase db;
        {
            TD_TRY(store, db.open());
            const int binary = TaskStore::binaryVersionFor((*store)->dialect());
            QVERIFY(stampVersion(**store, binary + 2, binary + 1));
        }
        for (SchemaMode mode : {SchemaMode::Require, SchemaMode::CreateOrUpgrade}) {
            const auto store = db.open({}, mode);
            QVERIFY(!store.ok());
            QCOMPARE(store.error().code, ErrorCode::SchemaTooNew);
            QVERIFY2(store.error().message.contains(QLatin1String("upgrade TaskDeck")),
                     qPrintable(store.error().message));
        }
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestSchema)
#include "tst_schema.moc"
