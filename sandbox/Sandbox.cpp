#include "sandbox/Sandbox.h"

#include "sandbox/FaultInjector.h"
#include "sandbox/HttpExchange.h"
#include "sandbox/MarketoSchema.h"
#include "sandbox/MarketoServer.h"
#include "sandbox/MarketoState.h"
#include "sandbox/MsiActivity.h"
#include "sandbox/OrgState.h"
#include "sandbox/SalesforceSchema.h"
#include "sandbox/SalesforceServer.h"
#include "sandbox/SandboxClock.h"
#include "sandbox/SandboxLogging.h"
#include "sandbox/ScaleGenerator.h"
#include "sandbox/SeedLoader.h"
#include "sandbox/StateFile.h"

#include <QElapsedTimer>
#include <QTimer>

namespace msi::sandbox {

Sandbox::Sandbox(QObject *parent) : QObject(parent) {}

Sandbox::~Sandbox()
{
    if (m_saveTimer && m_saveTimer->isActive())
        saveState();
}

QString Sandbox::clientId() { return QStringLiteral("sandbox-client"); }
QString Sandbox::clientSecret() { return QStringLiteral("sandbox-secret"); }

bool Sandbox::isRunning() const { return m_salesforce != nullptr; }

bool Sandbox::seed(QString *error)
{
    if (StateFile::exists(m_options.stateFile)) {
        QJsonObject state;
        if (!StateFile::read(m_options.stateFile, &state, error))
            return false;
        m_org->fromJson(state.value(u"salesforce").toObject());
        m_marketo->fromJson(state.value(u"marketo").toObject());
        m_clock->setOffsetMs(state.value(u"clockOffsetMs").toInteger());
        m_activity->setStartMs(state.value(u"activityStartMs").toInteger(m_clock->nowMs()));
        qCInfo(lcSandbox) << "restored state from" << m_options.stateFile;
        return true;
    }
    QElapsedTimer timer;
    timer.start();
    if (m_options.scale > 0) {
        const ScaleGenerator::Counts c = ScaleGenerator::generate(m_options.scale, m_org.get(), m_marketo.get());
        qCInfo(lcSandbox).nospace() << "generated org of " << m_options.scale << " people (" << c.users << " users, "
                                    << c.accounts << " accounts, " << c.contacts << " contacts, " << c.leads
                                    << " leads, " << c.opportunities << " opportunities, " << c.roles << " roles, "
                                    << c.marketoLeads << " Marketo leads) in " << timer.elapsed() << " ms";
    } else {
        const QString dir = m_options.seedDir.isEmpty() ? QStringLiteral(":/sample-org") : m_options.seedDir;
        if (!SeedLoader::load(dir, m_org.get(), m_marketo.get(), error))
            return false;
    }
    m_activity->setStartMs(m_clock->nowMs());
    return true;
}

bool Sandbox::start(const SandboxOptions &options, QString *error)
{
    QString localError;
    QString *err = error ? error : &localError;
    if (isRunning()) {
        *err = QStringLiteral("the sandbox is already running");
        return false;
    }
    m_options = options;
    m_clock = std::make_unique<SandboxClock>();
    m_faults = std::make_unique<FaultInjector>();
    if (!m_faults->configure(options.faults, options.faultSeed, err))
        return false;
    m_org = std::make_unique<OrgState>();
    m_marketo = std::make_unique<MarketoState>();
    m_activity = std::make_unique<MsiActivity>(*m_clock, options.faultSeed);
    if (!seed(err))
        return false;
    m_sfSchema = std::make_unique<SalesforceSchema>(options.msiFieldsVisible);
    m_mkSchema = std::make_unique<MarketoSchema>(options.msiNonNative);

    m_salesforce = new SalesforceServer(*m_org, *m_sfSchema, *m_faults, *m_clock, this);
    m_salesforce->setPageSize(options.salesforcePageSize);
    m_salesforce->setTokenTtlSeconds(options.tokenTtlSeconds);
    m_salesforce->setDailyApiLimit(options.salesforceDailyApiLimit);
    MarketoServer::Limits limits{options.marketoRateCalls, options.marketoRateWindowSeconds,
                                 options.marketoConcurrency, options.marketoDailyQuota, options.marketoLatencyMs};
    m_marketoServer = new MarketoServer(*m_marketo, *m_mkSchema, *m_activity, *m_faults, *m_clock, limits,
                                        options.nativeCrmSync, this);
    m_marketoServer->auth().setTokenTtlSeconds(options.tokenTtlSeconds);
    if (!m_salesforce->start(options.salesforcePort, err) || !m_marketoServer->start(options.marketoPort, err)) {
        delete m_salesforce;
        delete m_marketoServer;
        m_salesforce = nullptr;
        m_marketoServer = nullptr;
        return false;
    }
    const auto adminHandler = [this](const HttpRequest &request) { return admin(request); };
    m_salesforce->setAdminHandler(adminHandler);
    m_marketoServer->setAdminHandler(adminHandler);
    if (!options.stateFile.isEmpty()) {
        m_saveTimer = new QTimer(this);
        m_saveTimer->setSingleShot(true);
        m_saveTimer->setInterval(300);
        connect(m_saveTimer, &QTimer::timeout, this, [this]() { saveState(); });
        connect(m_salesforce, &SalesforceServer::recordsChanged, this, &Sandbox::scheduleSave);
        connect(m_marketoServer, &MarketoServer::recordsChanged, this, &Sandbox::scheduleSave);
        if (!StateFile::exists(options.stateFile) && !saveState(err))
            return false;
    }
    qCInfo(lcSandbox) << "Salesforce on" << salesforceUrl().toString() << "Marketo on" << marketoUrl().toString();
    return true;
}

QUrl Sandbox::salesforceUrl() const { return m_salesforce ? m_salesforce->baseUrl() : QUrl(); }
QUrl Sandbox::marketoUrl() const { return m_marketoServer ? m_marketoServer->baseUrl() : QUrl(); }

QStringList Sandbox::startupLines() const
{
    return {u"salesforce "_qs + salesforceUrl().toString(), u"marketo "_qs + marketoUrl().toString(),
            u"client_id "_qs + clientId(), u"client_secret "_qs + clientSecret()};
}

bool Sandbox::editSalesforceRecord(const QString &id, const QJsonObject &fields, QString *error)
{
    if (!m_org)
        return false;
    const OrgState::Location location = m_org->find(id);
    if (!location.isValid()) {
        if (error)
            *error = QStringLiteral("no Salesforce record with Id %1").arg(id);
        return false;
    }
    // Each edit gets a later SystemModstamp than anything stored before (at least 1 s after now).
    m_clock->advance(1000);
    m_org->update(location, fields, SandboxClock::salesforceDateTime(m_clock->now()));
    scheduleSave();
    return true;
}

QJsonObject Sandbox::salesforceRecord(const QString &id) const
{
    const OrgState::Location location = m_org ? m_org->find(id) : OrgState::Location{};
    return location.isValid() ? m_org->at(location) : QJsonObject();
}

QJsonArray Sandbox::salesforceRecords(const QString &type) const
{
    QJsonArray array;
    if (m_org) {
        for (const QJsonObject &r : m_org->records(type))
            array.append(r);
    }
    return array;
}

QJsonArray Sandbox::marketoRecords(const QString &entity) const
{
    MarketoState::Entity e;
    if (!m_marketo || !MarketoState::entityFromName(entity, &e))
        return {};
    QJsonArray array = m_marketo->records(e);
    if (e == MarketoState::Entity::Leads) {
        for (int i = 0; i < array.size(); ++i)
            array.replace(i, m_marketoServer->records().leadView(array.at(i).toObject()));
    }
    return array;
}

bool Sandbox::setFaults(const QString &spec, quint32 seed, QString *error)
{
    if (!m_faults)
        return false;
    m_options.faults = spec;
    m_options.faultSeed = seed;
    return m_faults->configure(spec, seed, error);
}

void Sandbox::advanceClock(qint64 seconds)
{
    if (m_clock) {
        m_clock->advance(seconds * 1000);
        scheduleSave();
    }
}

QDateTime Sandbox::now() const { return m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc(); }

void Sandbox::expireTokens()
{
    if (m_salesforce)
        m_salesforce->auth().expireAll();
    if (m_marketoServer)
        m_marketoServer->auth().expireAll();
}

int Sandbox::marketoCallsToday() const { return m_marketoServer ? m_marketoServer->limiter().usedToday() : 0; }
void Sandbox::setMarketoDailyQuota(int calls)
{
    m_options.marketoDailyQuota = calls;
    if (m_marketoServer)
        m_marketoServer->limiter().setDailyQuota(calls);
}
int Sandbox::salesforceApiUsage() const { return m_salesforce ? m_salesforce->apiUsage() : 0; }

void Sandbox::scheduleSave()
{
    if (m_saveTimer)
        m_saveTimer->start();
}

QJsonObject Sandbox::stateJson() const
{
    return QJsonObject{{u"salesforce"_qs, m_org->toJson()},
                       {u"marketo"_qs, m_marketo->toJson()},
                       {u"clockOffsetMs"_qs, m_clock->offsetMs()},
                       {u"activityStartMs"_qs, m_activity->startMs()}};
}

bool Sandbox::saveState(QString *error)
{
    if (m_options.stateFile.isEmpty() || !m_org)
        return true;
    if (m_saveTimer)
        m_saveTimer->stop();
    QString localError;
    if (!StateFile::write(m_options.stateFile, stateJson(), error ? error : &localError)) {
        qCWarning(lcSandbox) << (error ? *error : localError);
        return false;
    }
    return true;
}

HttpReply Sandbox::admin(const HttpRequest &request)
{
    const QStringList parts = request.path.mid(int(qstrlen("/sandbox/admin/"))).split(u'/', Qt::SkipEmptyParts);
    auto fail = [](const QString &message, int status = 400) {
        return HttpReply::json(QJsonObject{{u"error"_qs, message}}, status);
    };
    bool ok = true;
    const QJsonObject body = request.body.isEmpty() ? QJsonObject() : parseJson(request.body, &ok).object();
    if (!ok)
        return fail(QStringLiteral("the body is not JSON"));
    const QString head = parts.value(0);
    if (head == u"status" && request.method == "GET") {
        return HttpReply::json(QJsonObject{{u"salesforceUrl"_qs, salesforceUrl().toString()},
                                           {u"marketoUrl"_qs, marketoUrl().toString()},
                                           {u"now"_qs, SandboxClock::marketoDateTime(now())},
                                           {u"faults"_qs, m_options.faults},
                                           {u"marketoCallsToday"_qs, marketoCallsToday()},
                                           {u"salesforceApiUsage"_qs, salesforceApiUsage()}});
    }
    if (head == u"salesforce" && parts.value(1) == u"records" && parts.size() == 3) {
        if (request.method == "GET") {
            const QJsonObject one = salesforceRecord(parts.at(2));
            return one.isEmpty() ? HttpReply::json(salesforceRecords(parts.at(2))) : HttpReply::json(one);
        }
        QString error;
        if (!editSalesforceRecord(parts.at(2), body.value(u"fields").toObject(body), &error))
            return fail(error, 404);
        return HttpReply::json(salesforceRecord(parts.at(2)));
    }
    if (head == u"marketo" && parts.size() == 2 && request.method == "GET")
        return HttpReply::json(marketoRecords(parts.at(1)));
    if (head == u"faults" && request.method == "POST") {
        QString error;
        if (!setFaults(body.value(u"spec").toString(), quint32(body.value(u"seed").toInteger(1)), &error))
            return fail(error);
        return HttpReply::json(QJsonObject{{u"spec"_qs, m_options.faults}, {u"seed"_qs, qint64(m_options.faultSeed)}});
    }
    if (head == u"clock" && request.method == "POST") {
        advanceClock(body.value(u"advanceSeconds").toInteger());
        return HttpReply::json(QJsonObject{{u"now"_qs, SandboxClock::marketoDateTime(now())}});
    }
    if (head == u"expire-tokens" && request.method == "POST") {
        expireTokens();
        return HttpReply::json(QJsonObject{{u"expired"_qs, true}});
    }
    return fail(QStringLiteral("unknown admin endpoint %1 %2").arg(QString::fromLatin1(request.method), request.path), 404);
}

} // namespace msi::sandbox
