#include "setup/SetupController.h"

#include "creds/SecretStore.h"
#include "marketo/MarketoClient.h"
#include "salesforce/SalesforceClient.h"
#include "setup/Logging.h"
#include "store/MappingRepository.h"
#include "store/ProfileRepository.h"
#include "store/Workspace.h"

namespace msi::setup {

namespace {
const QString salesforceProfileName = QStringLiteral("salesforce"); // as the CLI names them
const QString marketoProfileName = QStringLiteral("marketo");
} // namespace

SetupController::SetupController(QObject *parent)
    : QObject(parent),
      m_salesforce(new SalesforceConnector(this)),
      m_marketo(new MarketoConnector(this)),
      m_secrets(new creds::SecretStore(this))
{
    connect(m_secrets, &creds::SecretStore::availabilityChecked, this,
            [this](bool available, const QString &message) {
                m_keychainChecked = true;
                m_keychainAvailable = available;
                m_keychainMessage = message;
                qCInfo(lcSetup) << "keychain available:" << available;
                emit keychainChecked(available, message);
            });
    connect(m_secrets, &creds::SecretStore::written, this, [this](const creds::SecretKey &) {
        if (m_secretWrites > 0 && --m_secretWrites == 0)
            secretsDone();
    });
    connect(m_secrets, &creds::SecretStore::failed, this,
            [this](const creds::SecretKey &, creds::SecretStore::Error, const QString &message) {
                if (m_secretWrites <= 0)
                    return;
                m_secretErrors << message;
                if (--m_secretWrites == 0)
                    secretsDone();
            });
}

SetupController::~SetupController() = default;

QString SetupController::workspaceNameProblem(const QString &rawName)
{
    const QString name = rawName.trimmed();
    if (name.isEmpty())
        return tr("Give the workspace a name, for example \"Production\" or \"UAT sandbox\".");
    if (!store::Workspace::isValidName(name))
        return tr("\"%1\" cannot be used as a workspace name: leave out / and \\.").arg(name);
    return {};
}

QString SetupController::workspacePath() const
{
    return store::Workspace::defaultPath(m_workspaceName);
}

void SetupController::useSandbox(const SandboxEndpoints &sandbox)
{
    m_useSandbox = true;
    m_sandbox = sandbox;
}

void SetupController::useRealSystems()
{
    m_useSandbox = false;
    m_sandbox = SandboxEndpoints();
}

SalesforceSignIn SetupController::proposedSalesforceSignIn() const
{
    SalesforceSignIn s;
    if (m_useSandbox) {
        s.hostKind = SalesforceHostKind::MyDomain;
        s.myDomain = m_sandbox.salesforceUrl.toString();
        s.flow = salesforce::AuthFlow::ClientCredentials;
        s.clientId = m_sandbox.clientId;
        s.clientSecret = m_sandbox.clientSecret;
        s.environment = store::Environment::Production; // the sample org says IsSandbox = false
    }
    return s;
}

// ---- keychain ----------------------------------------------------------------------------------

void SetupController::checkKeychain()
{
    m_secrets->checkAvailability();
}

void SetupController::setSessionOnlySecrets(bool sessionOnly)
{
    m_sessionOnly = sessionOnly;
    m_secrets->setSessionOnly(sessionOnly);
}

// ---- readiness and mapping ---------------------------------------------------------------------

void SetupController::runReadiness()
{
    if (m_readiness)
        m_readiness->deleteLater();
    m_readiness = new ReadinessChecker(m_salesforce->client(), m_marketo->client(), this);
    m_readiness->setMarketoDailyQuota(m_marketoQuota);
    connect(m_readiness, &ReadinessChecker::finished, this, [this] {
        m_readinessDone = true;
        readinessDone();
    });
    m_readinessDone = false;
    m_usersDone = false;
    m_mappingReady = false;
    m_activeUsers.clear();
    if (auto *client = m_salesforce->client()) {
        QPointer<SetupController> self(this);
        client->query(QStringLiteral("SELECT Id, Name, Email, IsActive FROM User ORDER BY Name"),
                      [self](const salesforce::QueryResult &q) {
                          if (!self)
                              return;
                          for (const QJsonObject &u : q.records)
                              if (u.value(u"IsActive").toBool(true))
                                  self->m_activeUsers << u;
                          self->m_usersDone = true;
                          self->readinessDone();
                      });
    } else {
        m_usersDone = true;
    }
    m_readiness->start();
}

bool SetupController::isReadinessRunning() const
{
    return m_readiness && (!m_readinessDone || !m_usersDone);
}

const ReadinessReport &SetupController::readinessReport() const
{
    static const ReadinessReport none = ReadinessReport::pending();
    return m_readiness ? m_readiness->report() : none;
}

void SetupController::readinessDone()
{
    if (!m_readinessDone || !m_usersDone || !m_readiness)
        return;
    const QString keepFallback = m_mapping.policy.fallbackSalesPersonId;
    m_mapping = MappingProposal::propose(m_readiness->schema(), m_readiness->report(),
                                         m_activeUsers);
    if (!keepFallback.isEmpty())
        m_mapping.setFallbackSalesPerson(keepFallback);
    m_mappingReady = true;
    emit readinessFinished(m_readiness->report());
    emit mappingProposed();
}

// ---- saving ------------------------------------------------------------------------------------

SetupResult SetupController::result() const
{
    SetupResult r = m_result;
    r.workspaceName = m_workspaceName;
    r.workspacePath = workspacePath();
    r.bundledSandbox = m_useSandbox;
    const SalesforceConnection &sf = m_salesforce->connection();
    r.salesforceProfile.name = salesforceProfileName;
    r.salesforceProfile.kind = store::System::Salesforce;
    r.salesforceProfile.environment = m_useSandbox || sf.isSandbox ? store::Environment::Sandbox
                                                                   : m_salesforce->request().environment;
    r.salesforceProfile.loginUrl = sf.loginUrl;
    r.salesforceProfile.apiUrl = sf.instanceUrl;
    r.salesforceProfile.clientId = m_salesforce->request().clientId.trimmed();
    r.salesforceProfile.userName = sf.userName;
    r.salesforceIsSandbox = sf.isSandbox;
    const MarketoEndpoint &mk = m_marketo->endpoint();
    r.marketoProfile.name = marketoProfileName;
    r.marketoProfile.kind = store::System::Marketo;
    r.marketoProfile.environment = r.salesforceProfile.environment;
    r.marketoProfile.loginUrl = mk.baseUrl;
    r.marketoProfile.apiUrl = mk.restUrl;
    r.marketoProfile.identityUrl = mk.identityUrl;
    r.marketoProfile.clientId = m_marketo->credentials().clientId;
    r.secretsInKeychain = m_saved && !m_sessionOnly && m_secretErrors.isEmpty();
    r.policy = m_mapping.policy;
    if (m_dryRunDone)
        r.dryRunPlan = m_dryRun.plan;
    r.salesforceCredentials = m_salesforce->credentials();
    r.marketoCredentials = m_marketo->credentials();
    return r;
}

SetupResult SetupController::takeResult()
{
    SetupResult r = result();
    r.valid = m_saved;
    m_result = SetupResult();
    return r;
}

void SetupController::saveWorkspace()
{
    m_saved = false;
    m_secretErrors.clear();
    if (const QString problem = workspaceNameProblem(m_workspaceName); !problem.isEmpty()) {
        emit saved(false, problem);
        return;
    }
    if (!m_salesforce->isConnected() || !m_marketo->isConnected()) {
        emit saved(false, tr("Connect Salesforce and Marketo before saving the workspace."));
        return;
    }
    const SetupResult r = result();
    QString error;
    {
        store::Workspace workspace(r.workspacePath);
        if (!workspace.open(&error)) {
            emit saved(false, error);
            return;
        }
        store::ProfileRepository profiles(workspace);
        if (!profiles.save(r.salesforceProfile, &error) || !profiles.save(r.marketoProfile, &error)) {
            emit saved(false, tr("The connection profiles could not be saved in %1: %2")
                                      .arg(r.workspacePath, error));
            return;
        }
        store::MappingRepository mappings(workspace);
        const auto current = mappings.current();
        QJsonObject document;
        QString note;
        if (m_mappingReady && !current) {
            document = m_mapping.mapping.toJson();
            note = tr("proposed by the setup wizard");
        } else if (current) {
            // The admin's mapping stays; only the wizard's fallback sales person choice changes.
            tables::FieldMapping kept;
            QString problem;
            const QString fallback = m_mapping.policy.fallbackSalesPersonId;
            if (tables::FieldMapping::fromJson(current->document, &kept, &problem)
                && m_mappingReady && kept.fallbackSalesPersonId != fallback) {
                kept.fallbackSalesPersonId = fallback;
                document = kept.toJson();
                note = tr("fallback sales person set by the setup wizard");
            }
        }
        if (!document.isEmpty() && mappings.save(document, note, &error) == 0) {
            emit saved(false, tr("The field mapping could not be saved in %1: %2")
                                      .arg(r.workspacePath, error));
            return;
        }
    }
    qCInfo(lcSetup).noquote() << "workspace saved:" << r.workspacePath;
    saveSecrets();
}

void SetupController::saveSecrets()
{
    const salesforce::SalesforceCredentials sf = m_salesforce->credentials();
    QList<QPair<creds::SecretKey, QString>> writes;
    if (!sf.clientSecret.isEmpty())
        writes.append({{m_workspaceName, salesforceProfileName, creds::SecretKind::ClientSecret},
                       sf.clientSecret});
    if (!sf.refreshToken.isEmpty())
        writes.append({{m_workspaceName, salesforceProfileName, creds::SecretKind::RefreshToken},
                       sf.refreshToken});
    writes.append({{m_workspaceName, marketoProfileName, creds::SecretKind::ClientSecret},
                   m_marketo->credentials().clientSecret});
    m_secretWrites = int(writes.size());
    for (const auto &[key, secret] : std::as_const(writes))
        m_secrets->write(key, secret);
}

void SetupController::secretsDone()
{
    if (!m_secretErrors.isEmpty()) {
        m_saved = false;
        emit saved(false, tr("The workspace is saved, but the secrets could not be stored in the "
                             "keychain: %1").arg(m_secretErrors.join(u' ')));
        return;
    }
    m_saved = true;
    emit saved(true, m_sessionOnly
                             ? tr("Workspace saved. The secrets are kept for this session only; "
                                  "you will be asked for them again next time.")
                             : tr("Workspace saved; the secrets are in the system keychain."));
}

} // namespace msi::setup
