#include "ui/PasswordVault.h"

#include <QObject>
#include <qt6keychain/keychain.h>

namespace taskdeck {

namespace {

const QString kKeychainService = QStringLiteral("TaskDeck");

} // namespace

void PasswordVault::read(const QString& profile, QObject* context,
                         std::function<void(bool, const QString&, const QString&)> done)
{
    auto* job = new QKeychain::ReadPasswordJob(kKeychainService);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(profile);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job* finished) {
        auto* read = static_cast<QKeychain::ReadPasswordJob*>(finished);
        if (read->error() == QKeychain::NoError)
            done(true, read->textData(), {});
        else if (read->error() == QKeychain::EntryNotFound)
            done(false, {}, {});
        else
            done(false, {}, read->errorString());
    });
    job->start();
}

void PasswordVault::write(const QString& profile, const QString& password, QObject* context,
                          std::function<void(const QString&)> done)
{
    auto* job = new QKeychain::WritePasswordJob(kKeychainService);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(profile);
    job->setTextData(password);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job* finished) {
        done(finished->error() == QKeychain::NoError ? QString() : finished->errorString());
    });
    job->start();
}

void PasswordVault::remove(const QString& profile)
{
    auto* job = new QKeychain::DeletePasswordJob(kKeychainService);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(profile);
    job->start();
}

} // namespace taskdeck
