#pragma once

#include <QDialog>

namespace taskdeck {

// Help ▸ Console guide: the README's section on the console, carried in the program (so that it answers offline
// and matches this version), rendered as a page.
class GuideDialog : public QDialog
{
    Q_OBJECT

public:
    explicit GuideDialog(QWidget* parent = nullptr);
    QString markdown() const { return m_markdown; }

    // The section that starts with the level-2 heading beginning with heading, without its pictures (they live
    // beside the README, not in the program).
    static QString section(const QString& markdown, const QString& heading);

private:
    QString m_markdown;
};

} // namespace taskdeck
