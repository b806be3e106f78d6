#include "ui/Dialogs.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

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

bool Dialogs::confirmByTyping(QWidget* parent, const QString& title, const QString& text, const QString& expected)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto* question = new QLabel(text, &dialog);
    question->setWordWrap(true);
    auto* prompt = new QLabel(
        QCoreApplication::translate("taskdeck::Dialogs", "Type <b>%1</b> to confirm:").arg(expected.toHtmlEscaped()),
        &dialog);
    auto* typed = new QLineEdit(&dialog);
    typed->setObjectName(QStringLiteral("typedConfirmation"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QPushButton* ok = buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(false);
    ok->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    QObject::connect(typed, &QLineEdit::textChanged, ok,
                     [ok, expected](const QString& now) { ok->setEnabled(now.trimmed() == expected); });
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(question);
    layout->addWidget(prompt);
    layout->addWidget(typed);
    layout->addWidget(buttons);
    return dialog.exec() == QDialog::Accepted && typed->text().trimmed() == expected;
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

bool Dialogs::run(QDialog& dialog)
{
    return dialog.exec() == QDialog::Accepted;
}

} // namespace taskdeck
