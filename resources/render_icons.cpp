// Build-time tool: renders the SVG icon to the PNG sizes desktops look up (hicolor/NxN/apps/taskdeck.png) and to
// the .ico the Windows installer and executable use, so that every picture comes from the one SVG.
//   render_icons ICON.svg OUTDIR  →  OUTDIR/NxN/taskdeck.png for each size, OUTDIR/taskdeck.ico

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char* argv[])
{
    // No display is needed to draw into an image.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: render_icons ICON.svg OUTDIR\n");
        return 2;
    }
    QSvgRenderer svg(QString::fromLocal8Bit(argv[1]));
    if (!svg.isValid()) {
        std::fprintf(stderr, "render_icons: cannot read the SVG %s\n", argv[1]);
        return 1;
    }
    const QDir out(QString::fromLocal8Bit(argv[2]));
    auto render = [&svg](int size) {
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter);
        painter.end();
        return image;
    };
    for (int size : {16, 24, 32, 48, 64, 128, 256}) {
        const QString dir = QStringLiteral("%1x%1").arg(size);
        if (!out.mkpath(dir) || !render(size).save(out.filePath(dir + QLatin1String("/taskdeck.png")))) {
            std::fprintf(stderr, "render_icons: cannot write %s/%s/taskdeck.png\n", argv[2], qPrintable(dir));
            return 1;
        }
    }
    QImageWriter ico(out.filePath(QStringLiteral("taskdeck.ico")), "ico");
    if (!ico.write(render(256))) {
        std::fprintf(stderr, "render_icons: cannot write taskdeck.ico: %s\n", qPrintable(ico.errorString()));
        return 1;
    }
    return 0;
}
