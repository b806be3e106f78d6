#include "ui/Dialogs.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>

namespace taskdeck {

Dialogs::~Dialogs() = default;

std::shared_ptr<Dialogs> Dialogs::standard()
{
    static const auto instance = std::make_shared<Dialogs>();
    return instance;
}

bool Dialogs::confirm(QWidget* parent, const QString& title, const QString& text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No) ==
        QMessageBox::Yes;
}

void Dialogs::warn(QWidget* parent, const QString& title, const QString& text)
{
    QMessageBox::warning(parent, title, text);
}

void Dialogs::inform(QWidget* parent, const QString& title, const QString& text)
{
    QMessageBox::information(parent, title, text);
}

QString Dialogs::saveFileName(QWidget* parent, const QString& title, const QString& proposed, const QString& filter,
                              bool confirmOverwrite)
{
    return QFileDialog::getSaveFileName(parent, title, proposed, filter, nullptr,
                                        confirmOverwrite ? QFileDialog::Options() : QFileDialog::DontConfirmOverwrite);
}

QString Dialogs::openFileName(QWidget* parent, const QString& title, const QString& start, const QString& filter)
{
    return QFileDialog::getOpenFileName(parent, title, start, filter);
}

std::optional<int> Dialogs::integer(QWidget* parent, const QString& title, const QString& label, int value, int minimum,
                                    int maximum)
{
    bool ok = false;
    const int chosen = QInputDialog::getInt(parent, title, label, value, minimum, maximum, 1, &ok);
    return ok ? std::optional<int>(chosen) : std::nullopt;
}

} // namespace taskdeck
