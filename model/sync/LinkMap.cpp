#include "sync/LinkMap.h"

namespace msi::sync {

QString LinkMap::key(Stage stage, const QString &salesforceId18)
{
    return QString::number(int(stage)) + u':' + salesforceId18;
}

void LinkMap::insert(Stage stage, const QString &salesforceId18, const MarketoLink &link)
{
    m_links.insert(key(stage, salesforceId18), link);
}

void LinkMap::remove(Stage stage, const QString &salesforceId18)
{
    m_links.remove(key(stage, salesforceId18));
}

MarketoLink LinkMap::value(Stage stage, const QString &salesforceId18) const
{
    return m_links.value(key(stage, salesforceId18));
}

bool LinkMap::contains(Stage stage, const QString &salesforceId18) const
{
    return m_links.contains(key(stage, salesforceId18));
}

QHash<QString, MarketoLink> LinkMap::stageLinks(Stage stage) const
{
    QHash<QString, MarketoLink> result;
    const QString prefix = QString::number(int(stage)) + u':';
    for (auto it = m_links.cbegin(); it != m_links.cend(); ++it) {
        if (it.key().startsWith(prefix))
            result.insert(it.key().mid(prefix.size()), it.value());
    }
    return result;
}

} // namespace msi::sync
