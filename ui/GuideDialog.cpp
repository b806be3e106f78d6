#include "ui/GuideDialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace taskdeck {

GuideDialog::GuideDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("TaskDeck console guide"));
    QFile readme(QStringLiteral(":/taskdeck/README.md"));
    const QString text = readme.open(QIODevice::ReadOnly) ? QString::fromUtf8(readme.readAll()) : QString();
    m_markdown = section(text, QStringLiteral("## The console"));
    if (m_markdown.isEmpty())
        m_markdown = tr("The guide is missing from this build; see the README's section \"The console\".");
    auto* page = new QTextBrowser(this);
    page->setObjectName(QStringLiteral("guide"));
    page->setOpenExternalLinks(true);
    page->setMarkdown(m_markdown);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(page);
    layout->addWidget(buttons);
    resize(820, 640);
}

QString GuideDialog::section(const QString& markdown, const QString& heading)
{
    const qsizetype start = markdown.indexOf(QLatin1Char('\n') + heading);
    if (start < 0)
        return {};
    qsizetype end = markdown.indexOf(QLatin1String("\n## "), start + 1);
    if (end < 0)
        end = markdown.size();
    QString text = markdown.mid(start + 1, end - start - 1);
    static const QRegularExpression pictures(QStringLiteral("^[ \\t]*!\\[[^\\]]*\\]\\([^)]*\\)[ \\t]*\\n?"),
                                             QRegularExpression::MultilineOption);
    text.remove(pictures);
    return text;
}

} // namespace taskdeck
