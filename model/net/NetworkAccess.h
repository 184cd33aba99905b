#pragma once

class QNetworkAccessManager;

namespace msi::net {

// One QNetworkAccessManager per thread (QNAM is not thread-safe; the sync engine runs its clients
// on a worker thread). Created on first use, deleted when the thread ends.
class NetworkAccess final
{
public:
    static QNetworkAccessManager *manager();
};

} // namespace msi::net
