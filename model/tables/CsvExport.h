#pragma once

#include <QCoreApplication>
#include <QString>

class QAbstractItemModel;
class QIODevice;

namespace msi::tables {

// Writes a table model (as shown: a filter proxy writes only its rows, in its order) as CSV:
// UTF-8, a header line, RFC 4180 quoting, CRLF line ends. Cells are the DisplayRole text.
class CsvExport final
{
    Q_DECLARE_TR_FUNCTIONS(msi::tables::CsvExport)
public:
    static bool write(const QAbstractItemModel &model, QIODevice *device, QString *error = nullptr);
    // Writes to a file atomically (QSaveFile); the error names the file and the cause.
    static bool writeFile(const QAbstractItemModel &model, const QString &path, QString *error = nullptr);
    static QString field(const QString &text);
};

} // namespace msi::tables
