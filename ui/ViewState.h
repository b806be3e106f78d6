#pragma once

#include <QString>

class QHeaderView;
class QSplitter;

namespace taskdeck {

// Column widths and splitter positions kept between runs (QSettings, per view), restored when the view is built
// and saved whenever the operator changes them.
void rememberSplitter(QSplitter* splitter, const QString& key);
void rememberColumns(QHeaderView* header, const QString& key);

} // namespace taskdeck
