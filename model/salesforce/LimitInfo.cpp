#include "salesforce/LimitInfo.h"

#include <QList>

namespace msi::salesforce {

LimitInfo LimitInfo::parse(const QByteArray &header)
{
    LimitInfo info;
    for (const QByteArray &part : header.split(';')) {
        const QByteArray item = part.trimmed();
        if (!item.startsWith("api-usage="))
            continue;
        const QList<QByteArray> numbers = item.mid(int(sizeof("api-usage=") - 1)).split('/');
        if (numbers.size() != 2)
            continue;
        bool okUsed = false;
        bool okMax = false;
        const int used = numbers.at(0).trimmed().toInt(&okUsed);
        const int max = numbers.at(1).trimmed().toInt(&okMax);
        if (okUsed && okMax && used >= 0 && max > 0) {
            info.used = used;
            info.max = max;
        }
    }
    return info;
}

} // namespace msi::salesforce
