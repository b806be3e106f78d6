#include "export/TaskCsvExport.h"

#include "store/TaskStore.h"

#include <QSaveFile>

namespace taskdeck {

namespace {

QString csvField(const QString& text)
{
    QString field = text;
    // A leading = + - @ would make a spreadsheet evaluate the cell: keep data as data.
    if (!field.isEmpty() && QStringLiteral("=+-@").contains(field.at(0)))
        field.prepend(QLatin1Char('\''));
    if (field.contains(QLatin1Char('"')) || field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('\n')) ||
        field.contains(QLatin1Char('\r')))
        return QLatin1Char('"') + field.replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
    return field;
}

} // namespace

QByteArray TaskCsvExport::headerLine()
{
    return QByteArrayLiteral(
        "id,state,queue,handler,priority,attempts,max_attempts,run_at,created_at,last_error,payload_preview\n");
}

QByteArray TaskCsvExport::line(const Task& task)
{
    const QStringList fields{QString::number(task.id),
                             stateName(task.displayState),
                             csvField(task.queue),
                             csvField(task.handler),
                             QString::number(task.priority),
                             QString::number(task.attempts),
                             QString::number(task.maxAttempts),
                             task.runAt.toUTC().toString(Qt::ISODateWithMs),
                             task.createdAt.toUTC().toString(Qt::ISODateWithMs),
                             csvField(task.lastError),
                             csvField(task.payload)};
    return fields.join(QLatin1Char(',')).toUtf8() + '\n';
}

Result<qint64> TaskCsvExport::write(TaskStore& store, TaskQuery query, const Sink& sink, const Hooks& hooks)
{
    QString error;
    auto writeError = [&error] { return makeError(ErrorCode::Io, tr("cannot write the export: %1").arg(error)); };
    if (!sink(headerLine(), &error))
        return writeError();
    qint64 rows = 0;
    while (true) {
        auto page = store.listTasks(query);
        if (!page)
            return page.error();
        QByteArray lines;
        for (const Task& task : std::as_const(page->tasks))
            lines += line(task);
        if (!sink(lines, &error))
            return writeError();
        rows += page->tasks.size();
        if (hooks.progress)
            hooks.progress(rows);
        if (page->nextCursor.isEmpty())
            return rows;
        if (hooks.interrupted && hooks.interrupted())
            return makeError(ErrorCode::Io, tr("the export was stopped after %n tasks", nullptr, int(rows)));
        query.afterCursor = page->nextCursor;
    }
}

Result<qint64> TaskCsvExport::writeFile(TaskStore& store, const TaskQuery& query, const QString& path,
                                        const Hooks& hooks)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return makeError(ErrorCode::Io, tr("cannot write %1: %2").arg(path, file.errorString()));
    auto rows = write(
        store, query,
        [&file](const QByteArray& bytes, QString* error) {
            if (file.write(bytes) == bytes.size())
                return true;
            *error = file.errorString();
            return false;
        },
        hooks);
    if (!rows) {
        file.cancelWriting();
        return makeError(rows.error().code, tr("%1 — %2 was not written").arg(rows.error().message, path));
    }
    if (!file.commit())
        return makeError(ErrorCode::Io, tr("cannot write %1: %2").arg(path, file.errorString()));
    return rows;
}

} // namespace taskdeck
