#pragma once

#include "ui/TasksView.h"

namespace taskdeck {

// What the task list says about its bulk actions, and which tasks each applies to (the rules themselves are core's:
// retryApplies() and its kin). The words keep TasksView's translation context.
QString verb(TasksView::Bulk action);
// "Retried 5,014 tasks." and its kin, for the summary after a bulk action.
QString pastTense(TasksView::Bulk action, qint64 count);
// Why none of the selected tasks is one the action applies to.
QString notApplicable(TasksView::Bulk action);
bool applies(TasksView::Bulk action, DisplayState state);
// A filter in words, for confirmations and the audit: "state failed, queue reports".
QString describe(const TaskFilter& filter);

} // namespace taskdeck
