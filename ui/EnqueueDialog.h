#pragma once

#include "store/Requests.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace taskdeck {

// Enqueue one task: handler, queue, a JSON payload checked as it is typed (OK stays disabled while it is invalid,
// and the error says where), delay, priority, unique key. Also edits a failed task's payload for re-enqueueing.
class EnqueueDialog : public QDialog
{
    Q_OBJECT

public:
    explicit EnqueueDialog(QWidget* parent = nullptr);
    void setTask(const Task& task); // prefilled from a task, offering to delete it once the copy is enqueued
    void setQueue(const QString& queue);
    EnqueueRequest request() const;
    bool deleteOriginal() const;
    QString validationMessage() const;
    bool isAcceptable() const;

    QLineEdit* handlerEdit() const { return m_handler; }
    QPlainTextEdit* payloadEdit() const { return m_payload; }

private:
    void validate();
    void markPayloadError();

    QLineEdit* m_handler;
    QLineEdit* m_queue;
    QPlainTextEdit* m_payload;
    QSpinBox* m_delay;
    QSpinBox* m_priority;
    QLineEdit* m_uniqueKey;
    QCheckBox* m_deleteOriginal;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    bool m_editing = false;
};

} // namespace taskdeck
