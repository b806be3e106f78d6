#pragma once

#include <QWidget>

namespace taskdeck {

class AuditLogModel;

// Operator actions, newest first: who retried, deleted, cancelled, paused or changed what.
class AuditView : public QWidget
{
    Q_OBJECT

public:
    AuditView(AuditLogModel* model, QWidget* parent = nullptr);
    void refresh();

private:
    AuditLogModel* m_model;
};

} // namespace taskdeck
