#pragma once

#include <QProxyStyle>

namespace taskdeck {

// Qt hands a header's style "sort down" for an ascending column and "sort up" for a descending one, and Fusion draws
// them as written: a list whose ids run down showed ▲. This style swaps the two, so that the arrow points the way
// the values run (▼ newest first), as operators read it and as Windows' own lists show it.
class SortArrowStyle : public QProxyStyle
{
    Q_OBJECT

public:
    using QProxyStyle::QProxyStyle;
    void drawPrimitive(PrimitiveElement element, const QStyleOption* option, QPainter* painter,
                       const QWidget* widget = nullptr) const override;
};

} // namespace taskdeck
