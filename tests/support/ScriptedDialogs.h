#pragma once

#include "ui/Dialogs.h"

#include <QStringList>

#include <functional>
#include <optional>

namespace taskdeck::test {

// Answers the console's questions in the operator's place and keeps everything it was told, so that a test can
// check that each action was answered.
class ScriptedDialogs : public Dialogs
{
public:
    std::function<bool(const QString& text)> answerConfirm = [](const QString&) { return true; };
    QString fileToSave; // empty: the operator cancels
    QString fileToOpen;
    std::optional<int> integerAnswer; // none: the operator cancels

    QStringList questions;
    QStringList warnings;
    QStringList notices;

    bool confirm(QWidget*, const QString&, const QString& text) override
    {
        questions << text;
        return answerConfirm(text);
    }
    void warn(QWidget*, const QString&, const QString& text) override { warnings << text; }
    void inform(QWidget*, const QString&, const QString& text) override { notices << text; }
    QString saveFileName(QWidget*, const QString&, const QString&, const QString&, bool) override { return fileToSave; }
    QString openFileName(QWidget*, const QString&, const QString&, const QString&) override { return fileToOpen; }
    std::optional<int> integer(QWidget*, const QString&, const QString& label, int, int, int) override
    {
        questions << label;
        return integerAnswer;
    }
};

} // namespace taskdeck::test
