#include "ui/ViewState.h"

#include <QHeaderView>
#include <QSettings>
#include <QSplitter>

namespace taskdeck {

void rememberSplitter(QSplitter* splitter, const QString& key)
{
    if (const QByteArray state = QSettings().value(key).toByteArray(); !state.isEmpty())
        splitter->restoreState(state);
    QObject::connect(splitter, &QSplitter::splitterMoved, splitter,
                     [splitter, key] { QSettings().setValue(key, splitter->saveState()); });
}

void rememberColumns(QHeaderView* header, const QString& key)
{
    // Widths only: the header's whole state would also bring back a sort order the model does not have.
    const QVariantList widths = QSettings().value(key).toList();
    for (int section = 0; section < std::min(int(widths.size()), header->count()); ++section) {
        if (const int width = widths.at(section).toInt(); width > 0)
            header->resizeSection(section, width);
    }
    QObject::connect(header, &QHeaderView::sectionResized, header, [header, key] {
        QVariantList now;
        for (int section = 0; section < header->count(); ++section)
            now << header->sectionSize(section);
        QSettings().setValue(key, now);
    });
}

} // namespace taskdeck
