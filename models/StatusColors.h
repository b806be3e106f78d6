#pragma once

#include "store/Task.h"

#include <QColor>
#include <QIcon>

namespace taskdeck::StatusColors {

// The colours that mean the same in every view — failed red, running blue, succeeded green, retrying amber,
// scheduled violet, paused and cancelled grey — in tones that read on the palette in use, light or dark.
bool paletteIsDark();
QColor of(DisplayState state); // invalid for pending: the text's own colour
QColor failed();
QColor running();
QColor succeeded();
QColor warning();
QColor paused();
// A small filled circle of that colour, for a state's cells and the health line.
QIcon dot(const QColor& color);

} // namespace taskdeck::StatusColors
