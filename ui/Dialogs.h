#pragma once

#include <QString>

#include <memory>
#include <optional>

class QWidget;

class QDialog;

namespace taskdeck {

// The console's one door to modal questions and notices. Views ask through it, never through QMessageBox,
// QFileDialog or QInputDialog themselves, so that tests answer in the operator's place and read what would have been
// said. The base class shows the standard dialogs.
class Dialogs
{
public:
    virtual ~Dialogs();

    // The instance that shows real dialogs, shared by every view that was given no other.
    static std::shared_ptr<Dialogs> standard();

    // A yes/no question whose safe answer is no.
    virtual bool confirm(QWidget* parent, const QString& title, const QString& text);
    // A question about something large or irreversible: yes only once the operator has typed expected (a count, a
    // queue's name), as pgAdmin and cloud consoles ask before dropping much.
    virtual bool confirmByTyping(QWidget* parent, const QString& title, const QString& text, const QString& expected);
    // Something failed: what, and what to do.
    virtual void warn(QWidget* parent, const QString& title, const QString& text);
    virtual void inform(QWidget* parent, const QString& title, const QString& text);
    // A file to write or to read; empty when the operator cancels. filter: "CSV files (*.csv)".
    virtual QString saveFileName(QWidget* parent, const QString& title, const QString& proposed, const QString& filter,
                                 bool confirmOverwrite = true);
    virtual QString openFileName(QWidget* parent, const QString& title, const QString& start, const QString& filter);
    // A whole number in [minimum, maximum]; none when the operator cancels.
    virtual std::optional<int> integer(QWidget* parent, const QString& title, const QString& label, int value,
                                       int minimum, int maximum);
    // A form of the console's own (enqueue, schedule, queue settings…), already filled with what it starts from;
    // true when the operator accepted it.
    virtual bool run(QDialog& dialog);
};

} // namespace taskdeck
