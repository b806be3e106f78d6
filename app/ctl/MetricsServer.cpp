#include "app/ctl/MetricsServer.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QTcpSocket>

namespace taskdeck {

namespace {

constexpr qsizetype kMaxRequestBytes = 8 * 1024;

QByteArray response(const QByteArray& status, const QByteArray& contentType, const QByteArray& body, bool withBody)
{
    return "HTTP/1.0 " + status + "\r\nContent-Type: " + contentType +
        "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" +
        (withBody ? body : QByteArray());
}

} // namespace

MetricsServer::MetricsServer(std::function<QByteArray()> renderMetrics, std::function<Health()> health, QObject* parent)
    : QObject(parent)
    , m_renderMetrics(std::move(renderMetrics))
    , m_health(std::move(health))
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                // Answer once the headers are in (unread bytes stay in the socket), or when too many came without.
                if (!socket->peek(kMaxRequestBytes).contains("\r\n\r\n") && socket->bytesAvailable() < kMaxRequestBytes)
                    return;
                socket->write(respond(socket->read(kMaxRequestBytes)));
                socket->disconnectFromHost();
            });
        }
    });
}

QByteArray MetricsServer::respond(const QByteArray& request) const
{
    static const QByteArray kText = "text/plain; charset=utf-8";
    const qsizetype lineEnd = request.indexOf('\n');
    const QList<QByteArray> parts = request.left(lineEnd < 0 ? request.size() : lineEnd).trimmed().split(' ');
    if (parts.size() != 3 || !parts[2].startsWith("HTTP/1."))
        return response("400 Bad Request", kText, "a request line is METHOD PATH HTTP/1.x\n", true);
    const QByteArray& method = parts[0];
    const bool head = method == "HEAD";
    const qsizetype query = parts[1].indexOf('?');
    const QByteArray path = query < 0 ? parts[1] : parts[1].left(query);
    if (path != "/metrics" && path != "/health")
        return response("404 Not Found", kText, "not found: this worker serves /metrics and /health\n", !head);
    if (method != "GET" && !head)
        return response("405 Method Not Allowed", kText, "only GET and HEAD\n", true);
    if (path == "/metrics")
        return response("200 OK", "text/plain; version=0.0.4; charset=utf-8", m_renderMetrics(), !head);
    const Health health = m_health ? m_health() : Health{};
    if (health.ok)
        return response("200 OK", kText, "ok\n", !head);
    return response("503 Service Unavailable", kText, health.reason.toUtf8() + '\n', !head);
}

Status MetricsServer::listen(const QString& hostAndPort)
{
    const qsizetype colon = hostAndPort.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const int port = colon > 0 ? hostAndPort.mid(colon + 1).toInt(&ok) : 0;
    QString host = colon > 0 ? hostAndPort.left(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    const QHostAddress address(host);
    if (!ok || port < 0 || port > 65535 || address.isNull())
        return makeError(ErrorCode::InvalidArgument,
                         QCoreApplication::translate("MetricsServer",
                                                     "'%1' is not HOST:PORT with a numeric address, e.g. "
                                                     "127.0.0.1:9464")
                             .arg(hostAndPort));
    if (!m_server.listen(address, quint16(port)))
        return makeError(ErrorCode::Unavailable,
                         QCoreApplication::translate("MetricsServer", "cannot serve metrics on %1: %2")
                             .arg(hostAndPort, m_server.errorString()));
    return {};
}

} // namespace taskdeck
