#include "setup/ReadinessChecker.h"

#include "marketo/MarketoClient.h"
#include "salesforce/SalesforceClient.h"
#include "setup/Logging.h"
#include "sync/SyncPolicy.h"

#include <QJsonDocument>
#include <QLocale>
#include <QUuid>

namespace msi::setup {

using net::ApiError;

namespace {

QString number(qint64 n)
{
    return QLocale().toString(n);
}

// Calls `body` only while the checker exists and the run that asked is still the current one.
template<typename F>
auto guarded(ReadinessChecker *self, const int *generation, F body)
{
    return [self = QPointer<ReadinessChecker>(self), generation, expected = *generation,
            body = std::move(body)](auto &&...args) {
        if (self && *generation == expected)
            body(std::forward<decltype(args)>(args)...);
    };
}

} // namespace

ReadinessChecker::ReadinessChecker(salesforce::SalesforceClient *salesforce,
                                   marketo::MarketoClient *marketo, QObject *parent)
    : QObject(parent), m_salesforce(salesforce), m_marketo(marketo)
{
}

QStringList ReadinessChecker::salesforceObjects()
{
    return {QStringLiteral("User"),    QStringLiteral("Account"),
            QStringLiteral("Contact"), QStringLiteral("Lead"),
            QStringLiteral("Opportunity"), QStringLiteral("OpportunityContactRole")};
}

void ReadinessChecker::start()
{
    ++m_generation;
    m_outstanding = 0;
    m_report = ReadinessReport::pending();
    m_schema = SchemaSnapshot();
    m_salesforceErrors.clear();
    m_marketoErrors.clear();
    m_crmProbe.clear();
    for (const ReadinessCheck &c : std::as_const(m_report.checks))
        emit checkChanged(c);
    begin(); // held until every request is sent, so an early answer cannot finish the run
    checkSalesforceObjects();
    checkSalesforceQuota();
    checkMarketoObjects();
    checkNativeCrmSync();
    checkMarketoQuota();
    end();
}

void ReadinessChecker::set(ReadinessItem item, Verdict verdict, const QString &detail,
                           const QString &fix)
{
    ReadinessCheck &c = m_report.check(item);
    c.verdict = verdict;
    c.detail = detail;
    c.fix = fix;
    qCInfo(lcSetup).noquote() << "readiness" << ReadinessCheck::key(item)
                              << ReadinessCheck::verdictName(verdict);
    emit checkChanged(c);
}

void ReadinessChecker::end()
{
    if (--m_outstanding == 0)
        emit finished(m_report);
}

// ---- Salesforce -------------------------------------------------------------------------------

void ReadinessChecker::checkSalesforceObjects()
{
    if (!m_salesforce) {
        const QString why = tr("Salesforce is not connected.");
        set(ReadinessItem::SalesforcePermissions, Verdict::Fail, why,
            tr("Go back to the Salesforce page and sign in."));
        set(ReadinessItem::MsiFieldsLead, Verdict::Fail, why, tr("Sign in to Salesforce first."));
        set(ReadinessItem::MsiFieldsContact, Verdict::Fail, why, tr("Sign in to Salesforce first."));
        return;
    }
    auto remaining = std::make_shared<int>(int(salesforceObjects().size()));
    begin();
    for (const QString &object : salesforceObjects()) {
        m_salesforce->describe(object, guarded(this, &m_generation,
                [this, object, remaining](const salesforce::DescribeResult &d) {
                    if (d.error.isError())
                        m_salesforceErrors.insert(object, d.error.message());
                    else
                        m_schema.salesforceDescribes.insert(object, d.describe);
                    if (--*remaining == 0) {
                        concludeSalesforceObjects();
                        end();
                    }
                }));
    }
}

void ReadinessChecker::concludeSalesforceObjects()
{
    QStringList problems;
    for (const QString &object : salesforceObjects()) {
        if (m_salesforceErrors.contains(object)) {
            problems << tr("%1 cannot be read: %2").arg(object, m_salesforceErrors.value(object));
            continue;
        }
        const QJsonObject d = m_schema.salesforceDescribes.value(object);
        if (!d.value(u"queryable").toBool(true))
            problems << tr("%1 is not readable (queryable is false)").arg(object);
        const bool written = object == u"Lead" || object == u"Contact";
        if (written && !d.value(u"updateable").toBool(true))
            problems << tr("%1 cannot be edited, so MSI values cannot be written back").arg(object);
    }
    if (problems.isEmpty()) {
        set(ReadinessItem::SalesforcePermissions, Verdict::Pass,
            tr("The API user can read %1 and edit Lead and Contact.")
                    .arg(salesforceObjects().join(QStringLiteral(", "))));
    } else {
        set(ReadinessItem::SalesforcePermissions, Verdict::Fail, problems.join(u'\n'),
            tr("In Salesforce Setup, give the integration user (its profile or a permission set) "
               "\"API Enabled\", Read on User, Account, Contact, Lead, Opportunity and "
               "Opportunity Contact Role, and Edit on Lead and Contact."));
    }
    concludeMsiFields(ReadinessItem::MsiFieldsLead, QStringLiteral("Lead"));
    concludeMsiFields(ReadinessItem::MsiFieldsContact, QStringLiteral("Contact"));
}

void ReadinessChecker::concludeMsiFields(ReadinessItem item, const QString &object)
{
    if (m_salesforceErrors.contains(object)) {
        set(item, Verdict::Fail,
            tr("%1 cannot be described: %2").arg(object, m_salesforceErrors.value(object)),
            tr("Fix the Salesforce permissions first (see above)."));
        return;
    }
    QHash<QString, QJsonObject> fields;
    const QJsonArray list = m_schema.salesforceDescribes.value(object).value(u"fields").toArray();
    for (const QJsonValue &f : list)
        fields.insert(f.toObject().value(u"name").toString().toLower(), f.toObject());
    QStringList hidden;
    QStringList readOnly;
    const QList<sync::MsiFieldMapping> msi = sync::SyncPolicy::defaultMsiFields();
    for (const sync::MsiFieldMapping &m : msi) {
        const auto it = fields.constFind(m.salesforceField.toLower());
        if (it == fields.constEnd())
            hidden << m.salesforceField;
        else if (!it->value(u"updateable").toBool(false))
            readOnly << m.salesforceField;
    }
    if (hidden.isEmpty() && readOnly.isEmpty()) {
        set(item, Verdict::Pass,
            tr("All %1 MSI fields (mkto_si__…) on %2 are visible and editable for the "
               "integration user.").arg(msi.size()).arg(object));
        return;
    }
    QStringList detail;
    if (!hidden.isEmpty())
        detail << tr("Not visible on %1 for the integration user: %2")
                          .arg(object, hidden.join(QStringLiteral(", ")));
    if (!readOnly.isEmpty())
        detail << tr("Visible but not editable on %1: %2")
                          .arg(object, readOnly.join(QStringLiteral(", ")));
    set(item, Verdict::Fail, detail.join(u'\n'),
        tr("Install the Marketo Sales Insight package if it is missing, then grant the "
           "integration user field-level security Read and Edit on these %1 fields (Setup > "
           "Object Manager > %1 > Fields, or a permission set). MSI values are not written back "
           "until then.").arg(object));
}

void ReadinessChecker::checkSalesforceQuota()
{
    if (!m_salesforce) {
        set(ReadinessItem::SalesforceQuota, Verdict::Fail, tr("Salesforce is not connected."),
            tr("Sign in to Salesforce first."));
        return;
    }
    begin();
    m_salesforce->request(QByteArrayLiteral("GET"), QStringLiteral("limits"), QByteArray(),
                          guarded(this, &m_generation, [this](const net::HttpResult &r) {
        if (!r.ok) {
            set(ReadinessItem::SalesforceQuota, Verdict::Fail, r.error.message(),
                tr("The API user needs \"View Setup and Configuration\" to read the org's limits; "
                   "or the daily allocation is used up: wait until calls of the last 24 hours "
                   "expire."));
            end();
            return;
        }
        const QJsonObject daily = r.json.object().value(u"DailyApiRequests").toObject();
        const qint64 max = daily.value(u"Max").toInteger(-1);
        const qint64 left = daily.value(u"Remaining").toInteger(-1);
        if (max <= 0 || left < 0) {
            set(ReadinessItem::SalesforceQuota, Verdict::Warning,
                tr("Salesforce did not report DailyApiRequests."),
                tr("Check Setup > Company Information > API Requests, Last 24 Hours."));
        } else if (left == 0) {
            set(ReadinessItem::SalesforceQuota, Verdict::Fail,
                tr("No API calls left: all %1 of the last 24 hours are used.").arg(number(max)),
                tr("Wait until older calls leave the 24-hour window, or ask Salesforce for a "
                   "higher allocation."));
        } else if (left * 10 < max) {
            set(ReadinessItem::SalesforceQuota, Verdict::Warning,
                tr("%1 of %2 API calls left in the last 24 hours (under 10%).")
                        .arg(number(left), number(max)),
                tr("Other integrations use most of the allocation; run the first sync when "
                   "usage is lower."));
        } else {
            set(ReadinessItem::SalesforceQuota, Verdict::Pass,
                tr("%1 of %2 API calls left in the last 24 hours.").arg(number(left), number(max)));
        }
        end();
    }));
}

} // namespace msi::setup
