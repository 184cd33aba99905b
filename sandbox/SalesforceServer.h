#pragma once

#include "sandbox/HttpService.h"
#include "sandbox/SalesforceAuth.h"
#include "sandbox/SalesforceWriter.h"
#include "sandbox/SoqlQuery.h"

#include <QHash>
#include <QStringList>

namespace msi::sandbox {

class FaultInjector;
class OrgState;
class SalesforceSchema;
class SandboxClock;

// The emulated Salesforce org over HTTP: OAuth, identity, versions, query/queryAll with
// nextRecordsUrl paging, describe, sObject Collections update, single record GET/PATCH, limits,
// Sforce-Limit-Info on every REST response, INVALID_SESSION_ID on expired tokens.
class SalesforceServer final : public HttpService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SalesforceServer)
public:
    SalesforceServer(OrgState &org, const SalesforceSchema &schema, FaultInjector &faults,
                     const SandboxClock &clock, QObject *parent = nullptr);

    void setPageSize(int pageSize) { m_pageSize = qMax(1, pageSize); }
    void setTokenTtlSeconds(int seconds) { m_auth.setTokenTtlSeconds(seconds); }
    void setDailyApiLimit(int limit) { m_apiLimit = limit; }
    bool start(quint16 port, QString *error);
    SalesforceAuth &auth() { return m_auth; }
    int apiUsage() const { return m_apiUsage; }

    static QStringList supportedVersions(); // "31.0" ... "66.0"

signals:
    void recordsChanged(); // a write changed the org (for --state persistence)

protected:
    Outcome handle(const HttpRequest &request) override;

private:
    struct Cursor {
        SoqlQuery query;
        QList<int> rows;
        int position = 0;
        QString version;
    };
    HttpReply route(const HttpRequest &request);
    HttpReply dataResource(const HttpRequest &request, const QString &version, const QStringList &parts);
    HttpReply query(const HttpRequest &request, const QString &version, bool all);
    HttpReply queryMore(const HttpRequest &request, const QString &version, const QString &locator);
    HttpReply page(const QString &locator, Cursor &cursor, int batchSize);
    HttpReply identity(const HttpRequest &request, bool openIdShape);
    HttpReply versions() const;
    HttpReply limits() const;
    HttpReply sobjectRecord(const HttpRequest &request, const QString &version, const QString &type,
                            const QString &id);
    int batchSize(const HttpRequest &request) const;
    static HttpReply restError(const QString &errorCode, const QString &message, int status);
    QString modstampNow() const;

    OrgState &m_org;
    const SalesforceSchema &m_schema;
    FaultInjector &m_faults;
    const SandboxClock &m_clock;
    SalesforceAuth m_auth;
    SalesforceWriter m_writer;
    QHash<QString, Cursor> m_cursors;
    QStringList m_cursorOrder;
    int m_pageSize = 2000;
    int m_apiUsage = 0;
    int m_apiLimit = 15000;
    quint64 m_cursorSerial = 0;
};

} // namespace msi::sandbox
