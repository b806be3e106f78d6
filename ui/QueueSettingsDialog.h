#pragma once

#include "store/Requests.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace taskdeck {

// A queue's own settings, all in one form: the concurrency limit across workers, the attempts a task gets, the
// retry backoff and the time limit of a run. An empty box (or 0) means the store's default. Checked as it is typed;
// update() holds only what was changed, so that the audit names exactly that.
class QueueSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    QueueSettingsDialog(const QueueSettings& current, QWidget* parent = nullptr);

    QueueUpdate update() const { return m_update; }
    // Why the form cannot be accepted as it is, or empty.
    QString problem() const { return m_problem; }

private:
    void check();

    QueueSettings m_current;
    QSpinBox* m_limit;
    QSpinBox* m_maxAttempts;
    QLineEdit* m_backoffBase;
    QLineEdit* m_backoffMax;
    QLineEdit* m_timeout;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    QueueUpdate m_update;
    QString m_problem;
};

} // namespace taskdeck
