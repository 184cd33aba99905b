#include "net/NetworkAccess.h"

#include <QNetworkAccessManager>
#include <QThreadStorage>

namespace msi::net {

QNetworkAccessManager *NetworkAccess::manager()
{
    static QThreadStorage<QNetworkAccessManager *> perThread;
    if (!perThread.hasLocalData()) {
        auto *nam = new QNetworkAccessManager;
        nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        nam->setAutoDeleteReplies(false);
        perThread.setLocalData(nam);
    }
    return perThread.localData();
}

} // namespace msi::net
