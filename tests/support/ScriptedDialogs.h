#pragma once

#include "ui/Dialogs.h"

#include <QDialog>
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
    // What the operator types when asked to type a confirmation (given the question and what was asked for).
    std::function<QString(const QString& text, const QString& expected)> answerTyped =
        [](const QString&, const QString& expected) { return expected; };
    QString fileToSave; // empty: the operator cancels
    QString fileToOpen;
    std::optional<int> integerAnswer; // none: the operator cancels
    // Fills a form of the console's as the operator would and says whether they accept it; none: they cancel.
    std::function<bool(QDialog& dialog)> answerDialog;
    QStringList dialogTitles; // the forms that were shown

    QStringList questions;
    QStringList typedQuestions; // the questions that asked for a typed confirmation
    QStringList warnings;
    QStringList notices;

    bool confirm(QWidget*, const QString&, const QString& text) override
    {
        questions << text;
        return answerConfirm(text);
    }
    bool confirmByTyping(QWidget*, const QString&, const QString& text, const QString& expected) override
    {
        questions << text;
        typedQuestions << text;
        return answerTyped(text, expected) == expected;
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
    bool run(QDialog& dialog) override
    {
        dialogTitles << dialog.windowTitle();
        return answerDialog && answerDialog(dialog);
    }
};

} // namespace taskdeck::test
