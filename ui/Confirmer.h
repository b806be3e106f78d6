#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace taskdeck {

// Asks the operator a yes/no question; tests answer it themselves.
using Confirmer = std::function<bool(QWidget* parent, const QString& title, const QString& text)>;

} // namespace taskdeck
