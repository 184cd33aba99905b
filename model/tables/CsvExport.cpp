#include "tables/CsvExport.h"

#include <QAbstractItemModel>
#include <QSaveFile>

namespace msi::tables {

QString CsvExport::field(const QString &text)
{
    static const QString special = QStringLiteral(",\"\r\n");
    bool quote = false;
    for (QChar c : text) {
        if (special.contains(c)) {
            quote = true;
            break;
        }
    }
    if (!quote)
        return text;
    QString escaped = text;
    escaped.replace(u'"', QStringLiteral("\"\""));
    return u'"' + escaped + u'"';
}

bool CsvExport::write(const QAbstractItemModel &model, QIODevice *device, QString *error)
{
    const auto line = [device](const QStringList &fields) {
        const QByteArray bytes = (fields.join(u',') + QStringLiteral("\r\n")).toUtf8();
        return device->write(bytes) == bytes.size();
    };
    QStringList fields;
    const int columns = model.columnCount();
    for (int column = 0; column < columns; ++column)
        fields << field(model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
    bool ok = line(fields);
    const int rows = model.rowCount();
    for (int row = 0; ok && row < rows; ++row) {
        fields.clear();
        for (int column = 0; column < columns; ++column)
            fields << field(model.index(row, column).data(Qt::DisplayRole).toString());
        ok = line(fields);
    }
    if (!ok && error)
        *error = device->errorString();
    return ok;
}

bool CsvExport::writeFile(const QAbstractItemModel &model, const QString &path, QString *error)
{
    QSaveFile file(path);
    QString cause;
    if (!file.open(QIODevice::WriteOnly))
        cause = file.errorString();
    else if (!write(model, &file, &cause))
        file.cancelWriting();
    else if (!file.commit())
        cause = file.errorString();
    if (cause.isEmpty())
        return true;
    if (error)
        *error = tr("Could not write %1: %2").arg(path, cause);
    return false;
}

} // namespace msi::tables
