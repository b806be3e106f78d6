#pragma once

#include <QCoreApplication>
#include <QString>

namespace taskdeck {

// Messages of core's free functions. lupdate files a tr() call outside a class under the enclosing namespace,
// "taskdeck", so the lookup at run time must use that context; classes translate with their own tr()
// (Q_OBJECT or Q_DECLARE_TR_FUNCTIONS), which hides this one inside their members.
inline QString tr(const char* text)
{
    return QCoreApplication::translate("taskdeck", text);
}

} // namespace taskdeck
