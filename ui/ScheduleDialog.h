#pragma once

#include "store/Schedules.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace taskdeck {

// Asks for a new schedule and shows its next occurrences while it is typed (computed here, no database).
class ScheduleDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ScheduleDialog(QWidget* parent = nullptr);
    ScheduleDefinition definition() const;
    void setDefinition(const ScheduleDefinition& definition);
    // What is wrong with the input, or empty.
    QString problem() const { return m_problem; }

    void accept() override;

private:
    void updatePreview();

    QLineEdit* m_name;
    QLineEdit* m_cron;
    QComboBox* m_zone;
    QLineEdit* m_handler;
    QLineEdit* m_queue;
    QPlainTextEdit* m_payload;
    QComboBox* m_missed;
    QLabel* m_preview;
    QPushButton* m_ok = nullptr;
    QString m_problem;
};

} // namespace taskdeck
