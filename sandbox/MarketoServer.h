#pragma once

#include "sandbox/HttpService.h"
#include "sandbox/MarketoAuth.h"
#include "sandbox/MarketoLimiter.h"
#include "sandbox/MarketoSync.h"

namespace msi::sandbox {

class FaultInjector;
class MarketoSchema;
class MarketoState;
class MsiActivity;
class SandboxClock;

// The emulated Marketo instance over HTTP: Identity under /identity, REST under /rest/v1 with
// the real envelope (requestId, success, result, errors, moreResult, nextPageToken), HTTP 200 for
// request- and record-level errors, 413/414 size limits, 601/602 tokens, 606/607/615 limits.
class MarketoServer final : public HttpService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MarketoServer)
public:
    struct Limits {
        int rateCalls = 100;
        int rateWindowSeconds = 20;
        int concurrency = 10;
        int dailyQuota = 50000;
        int latencyMs = 0;
    };
    MarketoServer(MarketoState &state, const MarketoSchema &schema, const MsiActivity &activity,
                  FaultInjector &faults, const SandboxClock &clock, const Limits &limits, bool nativeCrmSync,
                  QObject *parent = nullptr);

    bool start(quint16 port, QString *error) { return listen(port, error); }
    MarketoAuth &auth() { return m_auth; }
    MarketoLimiter &limiter() { return m_limiter; }
    MarketoSync &records() { return m_sync; }

signals:
    void recordsChanged();

protected:
    Outcome handle(const HttpRequest &request) override;

private:
    HttpReply rest(const HttpRequest &request, const QString &resource);
    HttpReply envelope(const MarketoSync::Answer &answer) const;
    HttpReply failure(const QString &code, const QString &message) const;
    QString requestId() const;

    MarketoState &m_state;
    const MarketoSchema &m_schema;
    FaultInjector &m_faults;
    const SandboxClock &m_clock;
    MarketoAuth m_auth;
    MarketoLimiter m_limiter;
    MarketoSync m_sync;
    int m_latencyMs = 0;
    mutable quint32 m_requestSerial = 0;
};

} // namespace msi::sandbox
