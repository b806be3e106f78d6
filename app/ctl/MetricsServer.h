#pragma once

#include "common/Result.h"

#include <QObject>
#include <QTcpServer>

#include <functional>

namespace taskdeck {

// The worker's HTTP endpoint for monitoring, on one address:
//   GET|HEAD /metrics  Prometheus text metrics;
//   GET|HEAD /health   200 "ok" while the worker reaches its database, 503 with the reason while it does not (for
//                      service managers and load balancers);
//   anything else      404, or 405 for a method other than GET and HEAD.
// HTTP/1.0 and 1.1, one request per connection. Qt HttpServer would do this, but its sources are not among the
// Debian source packages the Windows toolchain is built from (scripts/windows/toolchain.sh), and taskdeckctl must
// build for Windows: so this small server stays, with the routing above.
class MetricsServer : public QObject
{
    Q_OBJECT

public:
    struct Health
    {
        bool ok = true;
        QString reason; // when not ok
    };

    MetricsServer(std::function<QByteArray()> renderMetrics, std::function<Health()> health, QObject* parent = nullptr);
    Status listen(const QString& hostAndPort);
    quint16 port() const { return m_server.serverPort(); }

    // The answer to one request (its bytes up to the blank line after the headers).
    QByteArray respond(const QByteArray& request) const;

private:
    std::function<QByteArray()> m_renderMetrics;
    std::function<Health()> m_health;
    QTcpServer m_server;
};

} // namespace taskdeck
