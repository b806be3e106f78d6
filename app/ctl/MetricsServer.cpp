#include "app/ctl/MetricsServer.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QTcpSocket>

namespace taskdeck {

MetricsServer::MetricsServer(std::function<QByteArray()> render, QObject* parent)
    : QObject(parent)
    , m_render(std::move(render))
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                // The request's first line is enough to answer; the body is the same for every path.
                if (!socket->canReadLine() && socket->bytesAvailable() < 8192)
                    return;
                socket->readAll();
                const QByteArray body = m_render();
                socket->write("HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
                              "Content-Length: " +
                              QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                socket->disconnectFromHost();
            });
        }
    });
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
