#include "core/CsvReader.h"

#include <QIODevice>

namespace msi::core {

CsvReader::CsvReader(QIODevice *device, QChar separator)
    : m_device(device)
    , m_separator(separator)
{
}

bool CsvReader::readRecord(QStringList &fields)
{
    fields.clear();
    if (hasError() || !m_device || m_device->atEnd())
        return false;

    QString field;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    m_recordLine = m_line + 1;
    while (!m_device->atEnd()) {
        QByteArray bytes = m_device->readLine();
        ++m_line;
        if (m_first) {
            if (bytes.startsWith("\xEF\xBB\xBF"))
                bytes.remove(0, 3);
            m_first = false;
        }
        const QString line = QString::fromUtf8(bytes);
        qsizetype end = line.size();
        if (end > 0 && line.at(end - 1) == u'\n')
            --end;
        for (qsizetype i = 0; i < end; ++i) {
            const QChar c = line.at(i);
            if (!inQuotes && c == u'\r' && i == end - 1)
                break; // CRLF line end
            if (inQuotes) {
                if (c == u'"') {
                    if (i + 1 < end && line.at(i + 1) == u'"') {
                        field.append(u'"');
                        ++i;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == u'"') {
                if (!field.isEmpty() || fieldWasQuoted) {
                    m_error = tr("line %1: a quote inside an unquoted field").arg(m_line);
                    return false;
                }
                inQuotes = true;
                fieldWasQuoted = true;
            } else if (c == m_separator) {
                fields.append(field);
                field.clear();
                fieldWasQuoted = false;
            } else {
                if (fieldWasQuoted) {
                    m_error = tr("line %1: text after a closing quote").arg(m_line);
                    return false;
                }
                field.append(c);
            }
        }
        if (inQuotes) {
            // The quoted field goes on; keep the line break the file had.
            field.append(line.mid(end));
            if (m_device->atEnd())
                break;
            continue;
        }
        fields.append(field);
        return true;
    }
    if (inQuotes) {
        m_error = tr("line %1: a quoted field is never closed").arg(m_recordLine);
        return false;
    }
    fields.append(field);
    return true;
}

} // namespace msi::core
