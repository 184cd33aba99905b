#pragma once

// Shared by the sync engine's integration tests: an in-process sandbox, a workspace, a run, and a
// digest of the final state of both systems as the sandbox itself stores it.
#include "sandbox/Sandbox.h"
#include "sync/SyncController.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QStringList>
#include <QTest>

#include <algorithm>

namespace synctest {

inline msi::sync::EngineConnection connectionFor(const msi::sandbox::Sandbox &sandbox)
{
    msi::sync::EngineConnection connection;
    connection.salesforce.loginUrl = sandbox.salesforceUrl();
    connection.salesforce.clientId = msi::sandbox::Sandbox::clientId();
    connection.salesforce.clientSecret = msi::sandbox::Sandbox::clientSecret();
    connection.salesforce.flow = msi::salesforce::AuthFlow::ClientCredentials;
    connection.marketo.baseUrl = sandbox.marketoUrl();
    connection.marketo.clientId = msi::sandbox::Sandbox::clientId();
    connection.marketo.clientSecret = msi::sandbox::Sandbox::clientSecret();
    return connection;
}

inline msi::sync::RunResult runSync(const QString &workspace,
                                    const msi::sync::EngineConnection &connection,
                                    const msi::sync::RunOptions &options = {})
{
    msi::sync::SyncController controller;
    QSignalSpy finished(&controller, &msi::sync::SyncController::finished);
    controller.start(workspace, connection, options);
    if (!finished.wait(240'000)) {
        qWarning("sync run did not finish");
        return {};
    }
    return finished.first().first().value<msi::sync::RunResult>();
}

inline QString text(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("-");
    if (value.isDouble())
        return QString::number(value.toDouble());
    return value.toVariant().toString();
}

// Everything MSI depends on, with Marketo's own ids replaced by the external IDs they stand for,
// sorted: two runs that end in the same state have the same digest.
inline QStringList stateDigest(const msi::sandbox::Sandbox &sandbox)
{
    QStringList digest;
    for (const QJsonValue &value : sandbox.marketoRecords(QStringLiteral("salespersons"))) {
        const QJsonObject sp = value.toObject();
        digest << QStringLiteral("sp|") + text(sp.value(u"externalSalesPersonId")) + u'|'
                      + text(sp.value(u"email")) + u'|' + text(sp.value(u"firstName"));
    }
    for (const QJsonValue &value : sandbox.marketoRecords(QStringLiteral("companies"))) {
        const QJsonObject c = value.toObject();
        digest << QStringLiteral("company|") + text(c.value(u"externalCompanyId")) + u'|'
                      + text(c.value(u"externalSalesPersonId")) + u'|' + text(c.value(u"company"));
    }
    QHash<qint64, QString> personOfLead;
    for (const QJsonValue &value : sandbox.marketoRecords(QStringLiteral("leads"))) {
        const QJsonObject l = value.toObject();
        personOfLead.insert(l.value(u"id").toInteger(), text(l.value(u"externalPersonId")));
        digest << QStringLiteral("lead|") + text(l.value(u"externalPersonId")) + u'|'
                      + text(l.value(u"email")) + u'|' + text(l.value(u"externalCompanyId")) + u'|'
                      + text(l.value(u"externalSalesPersonId"));
    }
    for (const QJsonValue &value : sandbox.marketoRecords(QStringLiteral("opportunities"))) {
        const QJsonObject o = value.toObject();
        digest << QStringLiteral("opportunity|") + text(o.value(u"externalOpportunityId")) + u'|'
                      + text(o.value(u"externalCompanyId")) + u'|'
                      + text(o.value(u"externalSalesPersonId")) + u'|' + text(o.value(u"name"));
    }
    for (const QJsonValue &value : sandbox.marketoRecords(QStringLiteral("opportunityRoles"))) {
        const QJsonObject r = value.toObject();
        digest << QStringLiteral("role|") + text(r.value(u"externalOpportunityId")) + u'|'
                      + personOfLead.value(r.value(u"leadId").toInteger()) + u'|'
                      + text(r.value(u"role")) + u'|' + text(r.value(u"isPrimary"));
    }
    for (const QString &type : {QStringLiteral("Contact"), QStringLiteral("Lead")}) {
        for (const QJsonValue &value : sandbox.salesforceRecords(type)) {
            const QJsonObject p = value.toObject();
            QString line = QStringLiteral("msi|") + p.value(u"Id").toString();
            for (auto it = p.constBegin(); it != p.constEnd(); ++it) {
                if (it.key().startsWith(u"mkto_si__"))
                    line += u'|' + it.key() + u'=' + text(it.value());
            }
            digest << line;
        }
    }
    std::sort(digest.begin(), digest.end());
    return digest;
}

} // namespace synctest
