#pragma once

#include <QCoreApplication>
#include <QStringList>

class QIODevice;

namespace msi::core {

// Streaming RFC 4180 reader: quoted fields with "" escapes, separators and line breaks inside
// quotes, CRLF or LF line ends, a UTF-8 BOM. Holds one record in memory at a time.
class CsvReader final
{
    Q_DECLARE_TR_FUNCTIONS(msi::core::CsvReader)
public:
    explicit CsvReader(QIODevice *device, QChar separator = u',');

    // Reads the next record into fields. Returns false at the end or on an error (see hasError()).
    bool readRecord(QStringList &fields);
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // The 1-based line number on which the last record started.
    qint64 recordLine() const { return m_recordLine; }

private:
    QIODevice *m_device;
    QChar m_separator;
    qint64 m_line = 0;
    qint64 m_recordLine = 0;
    bool m_first = true;
    QString m_error;
};

} // namespace msi::core
