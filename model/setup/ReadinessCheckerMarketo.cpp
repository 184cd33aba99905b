// The Marketo half of ReadinessChecker: MSI Non-Native, the API role, native CRM sync, quota.
#include "setup/ReadinessChecker.h"

#include "marketo/MarketoClient.h"
#include "net/UsageCounter.h"

#include <QJsonDocument>
#include <QLocale>
#include <QUuid>

namespace msi::setup {

namespace {

template<typename F>
auto guarded(ReadinessChecker *self, const int *generation, F body)
{
    return [self = QPointer<ReadinessChecker>(self), generation, expected = *generation,
            body = std::move(body)](auto &&...args) {
        if (self && *generation == expected)
            body(std::forward<decltype(args)>(args)...);
    };
}

// REST path -> what the API role needs for it (Marketo's permission names).
struct MarketoObjectCheck
{
    marketo::MarketoObject object;
    const char16_t *path;
    const char16_t *permission;
};

const QList<MarketoObjectCheck> &marketoObjectChecks()
{
    static const QList<MarketoObjectCheck> list{
        {marketo::MarketoObject::SalesPerson, u"salespersons", u"Read-Write Sales Person"},
        {marketo::MarketoObject::Company, u"companies", u"Read-Write Company"},
        {marketo::MarketoObject::Opportunity, u"opportunities", u"Read-Write Named Opportunity"},
        {marketo::MarketoObject::OpportunityRole, u"opportunities/roles",
         u"Read-Write Named Opportunity"},
    };
    return list;
}

const QStringList &msiLeadFields()
{
    static const QStringList fields{QStringLiteral("externalPersonId"),
                                    QStringLiteral("externalSalesPersonId"),
                                    QStringLiteral("externalCompanyId")};
    return fields;
}

} // namespace

void ReadinessChecker::checkMarketoObjects()
{
    if (!m_marketo) {
        const QString why = tr("Marketo is not connected.");
        set(ReadinessItem::MsiNonNative, Verdict::Fail, why, tr("Go back to the Marketo page."));
        set(ReadinessItem::MarketoPermissions, Verdict::Fail, why, tr("Go back to the Marketo page."));
        return;
    }
    auto remaining = std::make_shared<int>(int(marketoObjectChecks().size()) + 1);
    auto one = [this, remaining] {
        if (--*remaining == 0) {
            concludeMarketoObjects();
            end();
        }
    };
    begin();
    m_marketo->describeLeads(guarded(this, &m_generation,
            [this, one](const marketo::LeadSchemaReport &r) {
        if (r.error.isError())
            m_marketoErrors.insert(QStringLiteral("leads"), r.error.message());
        else
            m_schema.marketoLeads = r.schema;
        one();
    }));
    for (const MarketoObjectCheck &c : marketoObjectChecks()) {
        const QString path = QString::fromUtf16(c.path);
        m_marketo->describe(c.object, guarded(this, &m_generation,
                [this, one, path](const marketo::DescribeReport &r) {
            if (r.error.isError())
                m_marketoErrors.insert(path, r.error.message());
            else
                m_schema.marketoDescribes.insert(path, r.result.at(0).toObject());
            one();
        }));
    }
}

void ReadinessChecker::concludeMarketoObjects()
{
    // MSI Non-Native: the lead schema carries the external Salesforce keys.
    if (m_marketoErrors.contains(QStringLiteral("leads"))) {
        set(ReadinessItem::MsiNonNative, Verdict::Fail,
            tr("The lead schema (leads/describe2) could not be read: %1")
                    .arg(m_marketoErrors.value(QStringLiteral("leads"))),
            tr("Give the API user's role \"Read-Write Lead\", then check again."));
    } else {
        QStringList missing;
        for (const QString &f : msiLeadFields())
            if (!m_schema.marketoLeads.hasField(f))
                missing << f;
        if (missing.isEmpty()) {
            set(ReadinessItem::MsiNonNative, Verdict::Pass,
                tr("Marketo leads have %1.").arg(msiLeadFields().join(QStringLiteral(", "))));
        } else {
            set(ReadinessItem::MsiNonNative, Verdict::Fail,
                tr("Marketo leads have no %1, so leads cannot carry Salesforce IDs and the MSI "
                   "panel stays empty.").arg(missing.join(QStringLiteral(", "))),
                tr("Ask Adobe (Marketo Support) to enable the \"MSI Non-Native\" feature for this "
                   "subscription, then check again."));
        }
    }
    // The API role: every MSI object answers its describe.
    QStringList problems;
    QStringList permissions;
    if (m_marketoErrors.contains(QStringLiteral("leads"))) {
        problems << tr("leads: %1").arg(m_marketoErrors.value(QStringLiteral("leads")));
        permissions << QStringLiteral("Read-Write Lead");
    }
    for (const MarketoObjectCheck &c : marketoObjectChecks()) {
        const QString path = QString::fromUtf16(c.path);
        if (m_marketoErrors.contains(path)) {
            problems << tr("%1: %2").arg(path, m_marketoErrors.value(path));
            const QString permission = QString::fromUtf16(c.permission);
            if (!permissions.contains(permission))
                permissions << permission;
        }
    }
    if (problems.isEmpty()) {
        set(ReadinessItem::MarketoPermissions, Verdict::Pass,
            tr("The API user reaches leads, sales persons, companies, opportunities and "
               "opportunity roles."));
    } else {
        set(ReadinessItem::MarketoPermissions, Verdict::Fail, problems.join(u'\n'),
            tr("In Marketo Admin > Users & Roles, give the API-only user's role: %1. An "
               "\"Access denied\" (603) can also mean the IP allow-list blocks this computer.")
                    .arg(permissions.join(QStringLiteral(", "))));
    }
}

void ReadinessChecker::checkNativeCrmSync()
{
    if (!m_marketo) {
        set(ReadinessItem::NativeCrmSyncOff, Verdict::Fail, tr("Marketo is not connected."),
            tr("Go back to the Marketo page."));
        return;
    }
    const QString probe = QStringLiteral("msi-bridge-readiness-probe-")
            + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    const QList<QPair<QString, QString>> probes{
        {QStringLiteral("companies"), QStringLiteral("externalCompanyId")},
        {QStringLiteral("opportunities"), QStringLiteral("externalOpportunityId")}};
    auto remaining = std::make_shared<int>(int(probes.size()));
    begin();
    for (const auto &[path, key] : probes) {
        const QJsonObject body{{QStringLiteral("deleteBy"), QStringLiteral("dedupeFields")},
                               {QStringLiteral("input"), QJsonArray{QJsonObject{{key, probe}}}}};
        m_marketo->request(QByteArrayLiteral("POST"), QStringLiteral("v1/") + path
                                   + QStringLiteral("/delete.json"),
                           QByteArray(), QJsonDocument(body).toJson(QJsonDocument::Compact),
                           QByteArrayLiteral("application/json"),
                           guarded(this, &m_generation,
                                   [this, path, remaining](const net::HttpResult &r) {
            if (!r.ok) {
                m_crmProbe.insert(path, r.error.message());
            } else {
                const QJsonObject first = r.json.object().value(u"result").toArray().at(0).toObject();
                const QString code = first.value(u"reasons").toArray().at(0).toObject()
                                             .value(u"code").toVariant().toString();
                m_crmProbe.insert(path, code.isEmpty() ? first.value(u"status").toString() : code);
            }
            if (--*remaining > 0)
                return;
            QStringList disabled;
            QStringList errors;
            for (auto it = m_crmProbe.cbegin(); it != m_crmProbe.cend(); ++it) {
                if (it.value() == u"1018")
                    disabled << it.key();
                else if (it.value() != u"1013" && it.value() != u"skipped")
                    errors << tr("%1: %2").arg(it.key(), it.value());
            }
            if (!disabled.isEmpty()) {
                set(ReadinessItem::NativeCrmSyncOff, Verdict::Fail,
                    tr("Marketo answered 1018 \"CRM Enabled\" for %1: native Salesforce sync is "
                       "on, which disables the APIs a non-native integration writes to.")
                            .arg(disabled.join(QStringLiteral(", "))),
                    tr("Use a Marketo instance without native Salesforce sync (Admin > CRM must "
                       "show no Salesforce sync), or ask Adobe Support; MSI non-native cannot "
                       "work next to native CRM sync."));
            } else if (!errors.isEmpty()) {
                set(ReadinessItem::NativeCrmSyncOff, Verdict::Fail, errors.join(u'\n'),
                    tr("The company and opportunity APIs did not answer; give the API role "
                       "Read-Write Company and Read-Write Named Opportunity and check again."));
            } else {
                set(ReadinessItem::NativeCrmSyncOff, Verdict::Pass,
                    tr("The company and opportunity APIs answer (a test delete of a record that "
                       "cannot exist came back \"not found\", not 1018)."));
            }
            end();
        }));
    }
}

void ReadinessChecker::checkMarketoQuota()
{
    if (!m_marketo) {
        set(ReadinessItem::MarketoQuota, Verdict::Fail, tr("Marketo is not connected."),
            tr("Go back to the Marketo page."));
        return;
    }
    begin();
    m_marketo->request(QByteArrayLiteral("GET"), QStringLiteral("v1/stats/usage.json"),
                       QByteArray(), QByteArray(), QByteArray(),
                       guarded(this, &m_generation, [this](const net::HttpResult &r) {
        const QLocale locale;
        const QString resetNote =
                tr("Marketo's daily quota (%1 calls assumed for this instance) resets at "
                   "midnight US Central time.").arg(locale.toString(m_marketoQuota));
        if (!r.ok) {
            const int ours = m_marketo ? m_marketo->usageCounter()->callsToday() : 0;
            set(ReadinessItem::MarketoQuota, Verdict::Warning,
                tr("Marketo did not report today's usage (%1). MSI Bridge itself made %2 calls "
                   "today.").arg(r.error.message(), locale.toString(ours)),
                tr("Check Admin > Integration > Web Services > API Call Information in Marketo "
                   "before a large first sync. %1").arg(resetNote));
            end();
            return;
        }
        qint64 used = 0;
        for (const QJsonValue &day : r.json.object().value(u"result").toArray())
            used += day.toObject().value(u"total").toInteger();
        const qint64 left = qMax<qint64>(0, m_marketoQuota - used);
        const QString detail = tr("%1 of %2 calls used today; %3 left.")
                                       .arg(locale.toString(used), locale.toString(m_marketoQuota),
                                            locale.toString(left));
        if (left == 0)
            set(ReadinessItem::MarketoQuota, Verdict::Fail, detail,
                tr("Wait for the reset, or ask Adobe for a higher quota. %1").arg(resetNote));
        else if (left * 10 < m_marketoQuota)
            set(ReadinessItem::MarketoQuota, Verdict::Warning, detail,
                tr("Other integrations use most of today's quota; run the first sync after the "
                   "reset. %1").arg(resetNote));
        else
            set(ReadinessItem::MarketoQuota, Verdict::Pass, detail);
        end();
    }));
}

} // namespace msi::setup
