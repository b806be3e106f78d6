#pragma once

#include "common/Result.h"

#include <QObject>
#include <QTcpServer>

#include <functional>

namespace taskdeck {

// Serves Prometheus text metrics (GET /metrics, or any path) over plain HTTP/1.0 on one address.
class MetricsServer : public QObject
{
    Q_OBJECT

public:
    explicit MetricsServer(std::function<QByteArray()> render, QObject* parent = nullptr);
    Status listen(const QString& hostAndPort);
    quint16 port() const { return m_server.serverPort(); }

private:
    std::function<QByteArray()> m_render;
    QTcpServer m_server;
};

} // namespace taskdeck
