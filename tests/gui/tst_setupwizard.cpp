// The setup wizard walked both ways, offscreen, against real sandbox servers on loopback:
// - the bundled sandbox (started by the wizard itself): every page fills in and connects, every
//   readiness check passes, the dry run plans the sample org (counts from its MANIFEST);
// - "real" systems played by a second sandbox on other ports with its readiness faults switched
//   on (MSI non-native off, native CRM sync on, MSI fields hidden by FLS): browser sign-in with
//   PKCE (a timeout and a cancel first), the IsSandbox contradiction, each failed verdict with
//   its fix.
// Both walks then prove that no secret (client secrets, the refresh token) is in any file the
// product wrote, and that the secrets went to the keychain (gnome-keyring in scripts/test.sh's
// D-Bus session; without a keychain the wizard must say so and continue for this session).
// With MSI_WIZARD_SCREENSHOTS=<dir> (run on a real display, e.g. under xvfb-run) every page is
// also saved as <dir>/wizard-<page>.png.
#include "creds/SecretStore.h"
#include "net/NetworkAccess.h"
#include "sandbox/Sandbox.h"
#include "setup/SetupController.h"
#include "store/ProfileRepository.h"
#include "store/MappingRepository.h"
#include "store/Workspace.h"
#include "ui/wizard/FirstStart.h"
#include "ui/wizard/SetupWizard.h"
#include "ui/wizard/StatusLabel.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QJsonArray>
#include <QLineEdit>
#include <QNetworkReply>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QUrlQuery>

using namespace msi;
using msi::setup::ReadinessItem;
using msi::setup::Verdict;
using msi::ui::SetupWizard;
using msi::ui::StatusLabel;

namespace {

QStringList g_logs;

void captureLogs(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_logs << message;
}

// Plays the admin in the browser: the sandbox approves at once and redirects to the loopback
// listener (as tst_salesforceclient does).
void approveInSandbox(const QUrl &authorizeUrl)
{
    QUrl url = authorizeUrl;
    QUrlQuery q(url);
    q.addQueryItem(u"sandbox_auto_approve"_qs, u"true"_qs);
    url.setQuery(q);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = net::NetworkAccess::manager()->get(request);
    QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

template<typename T>
T *child(QWidget *w, const char *name)
{
    T *found = w->findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qWarning() << "no child" << name;
    return found;
}

QAbstractButton *nextButton(SetupWizard &w) { return w.button(QWizard::NextButton); }

} // namespace

class TestSetupWizard : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void sandboxPath();
    void realSystemsWithFaults();
    void cleanupTestCase();

private:
    void passStartPage(SetupWizard &w, bool sandbox, const QString &name);
    void goNext(SetupWizard &w);
    void shoot(SetupWizard &w, const QString &page);
    void checkFits(SetupWizard &w);
    void checkNoSecretsInFiles(const QStringList &secrets);
    void checkKeychainHolds(const QString &workspace, const QString &profile,
                            creds::SecretKind kind, const QString &expected);

    bool m_keychain = false;
    QString m_shots;
};

void TestSetupWizard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"MSI Bridge Tests"_qs);
    QCoreApplication::setApplicationName(u"tst_setupwizard"_qs);
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).removeRecursively();
    qInstallMessageHandler(captureLogs);
    m_shots = qEnvironmentVariable("MSI_WIZARD_SCREENSHOTS");
    if (!m_shots.isEmpty())
        QDir().mkpath(m_shots);
}

void TestSetupWizard::cleanupTestCase()
{
    qInstallMessageHandler(nullptr);
}

void TestSetupWizard::shoot(SetupWizard &w, const QString &page)
{
    if (m_shots.isEmpty())
        return;
    QTest::qWait(300); // let layouts and word-wrapped labels settle
    const QPixmap shot = w.screen()->grabWindow(w.winId());
    QVERIFY(shot.save(m_shots + u"/wizard-"_qs + page + u".png"_qs));
}

void TestSetupWizard::checkFits(SetupWizard &w)
{
    // Every page fits a 1024x700 screen (with room for a window frame).
    const QSize min = w.minimumSizeHint();
    QVERIFY2(min.width() <= 1000 && min.height() <= 660,
             qPrintable(u"minimum size %1x%2 on page %3"_qs.arg(min.width()).arg(min.height())
                                .arg(w.currentId())));
    QVERIFY(w.width() <= 1024 && w.height() <= 700);
}

void TestSetupWizard::goNext(SetupWizard &w)
{
    const int before = w.currentId();
    QTRY_VERIFY_WITH_TIMEOUT(nextButton(w)->isEnabled(), 60000);
    QTest::mouseClick(nextButton(w), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(w.currentId() != before, 20000);
    checkFits(w);
}

void TestSetupWizard::passStartPage(SetupWizard &w, bool sandbox, const QString &name)
{
    QCOMPARE(w.currentId(), int(SetupWizard::StartPageId));
    auto *keychain = child<StatusLabel>(&w, "keychainStatus");
    QVERIFY(keychain);
    QTRY_VERIFY_WITH_TIMEOUT(w.controller()->isKeychainChecked(), 20000);
    m_keychain = w.controller()->isKeychainAvailable();
    auto *sessionOnly = child<QCheckBox>(&w, "sessionOnlySecrets");
    if (m_keychain) {
        QCOMPARE(keychain->state(), StatusLabel::State::Ok);
        QVERIFY(sessionOnly->isHidden());
    } else {
        // No keychain: said plainly, and the admin may go on for this session only.
        QCOMPARE(keychain->state(), StatusLabel::State::Warning);
        QVERIFY(keychain->text().contains(u"keychain"_qs));
        QVERIFY(!nextButton(w)->isEnabled());
        sessionOnly->setChecked(true);
    }
    auto *useSandbox = child<QRadioButton>(&w, sandbox ? "useSandbox" : "useRealSystems");
    QVERIFY(useSandbox->isEnabled());
    useSandbox->setChecked(true);
    auto *nameEdit = child<QLineEdit>(&w, "workspaceName");
    nameEdit->clear();
    QTest::keyClicks(nameEdit, u"bad/name"_qs);
    QVERIFY(!nextButton(w)->isEnabled()); // not usable as a file name
    nameEdit->clear();
    QTest::keyClicks(nameEdit, name);
    shoot(w, sandbox ? u"1-start"_qs : u"1-start-real"_qs);
    goNext(w);
}

void TestSetupWizard::checkNoSecretsInFiles(const QStringList &secrets)
{
    QStringList roots{QStandardPaths::writableLocation(QStandardPaths::AppDataLocation),
                      QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation),
                      QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
                      QStandardPaths::writableLocation(QStandardPaths::CacheLocation),
                      QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)};
    int files = 0;
    for (const QString &root : std::as_const(roots)) {
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(u"/keyrings/"_qs))
                continue; // the keychain's own (encrypted) store, not a file the product writes
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
            const QByteArray bytes = f.readAll();
            ++files;
            for (const QString &secret : secrets) {
                QVERIFY2(!bytes.contains(secret.toUtf8()),
                         qPrintable(u"a secret is in %1"_qs.arg(path)));
            }
        }
    }
    QVERIFY2(files >= 1, "the workspace database was not found"); // we did look at something
    for (const QString &line : std::as_const(g_logs))
        for (const QString &secret : secrets)
            QVERIFY2(!line.contains(secret), qPrintable(u"a secret was logged: "_qs + line));
}

void TestSetupWizard::checkKeychainHolds(const QString &workspace, const QString &profile,
                                         creds::SecretKind kind, const QString &expected)
{
    if (!m_keychain)
        return;
    creds::SecretStore store;
    QSignalSpy read(&store, &creds::SecretStore::secretRead);
    QSignalSpy failed(&store, &creds::SecretStore::failed);
    store.read({workspace, profile, kind});
    QTRY_VERIFY_WITH_TIMEOUT(read.count() + failed.count() == 1, 20000);
    QCOMPARE(read.count(), 1);
    QCOMPARE(read.first().at(1).toString(), expected);
}

void TestSetupWizard::sandboxPath()
{
    std::unique_ptr<SetupWizard> wizard(ui::createSetupWizard());
    SetupWizard &w = *wizard;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QString name = u"Sandbox walk"_qs;
    passStartPage(w, true, name);

    // Salesforce: filled in from the bundled sandbox and signed in by itself.
    QCOMPARE(w.currentId(), int(SetupWizard::SalesforcePageId));
    QTRY_VERIFY_WITH_TIMEOUT(w.controller()->salesforce()->isConnected(), 30000);
    const setup::SalesforceConnection sf = w.controller()->salesforce()->connection();
    QCOMPARE(sf.orgId, u"00D7F000000sNbqUAE"_qs); // sample-org MANIFEST
    QCOMPARE(sf.isSandbox, false);
    QVERIFY(sf.environmentWarning.isEmpty());
    auto *sfStatus = child<StatusLabel>(&w, "salesforceStatus");
    QCOMPARE(sfStatus->state(), StatusLabel::State::Ok);
    QVERIFY(sfStatus->text().contains(u"00D7F000000sNbqUAE"_qs));
    shoot(w, u"2-salesforce"_qs);
    goNext(w);

    // Marketo: filled in and tested by itself.
    QCOMPARE(w.currentId(), int(SetupWizard::MarketoPageId));
    QTRY_VERIFY_WITH_TIMEOUT(w.controller()->marketo()->isConnected(), 30000);
    QCOMPARE(child<StatusLabel>(&w, "marketoStatus")->state(), StatusLabel::State::Ok);
    QVERIFY(child<StatusLabel>(&w, "marketoEndpointStatus")->text().contains(u"/identity"_qs));
    shoot(w, u"3-marketo"_qs);
    goNext(w);

    // Readiness: every prerequisite holds in the bundled sandbox.
    QCOMPARE(w.currentId(), int(SetupWizard::ReadinessPageId));
    QTRY_VERIFY_WITH_TIMEOUT(w.controller()->hasMapping(), 60000);
    const setup::ReadinessReport report = w.controller()->readinessReport();
    for (ReadinessItem item : setup::ReadinessCheck::allItems()) {
        const setup::ReadinessCheck &c = report.check(item);
        const QString key = setup::ReadinessCheck::key(item);
        if (item == ReadinessItem::MarketoQuota) {
            // Marketo does not publish the quota; the sandbox has no stats/usage, so this one
            // may only be "not verifiable" (Warning), never Fail.
            QVERIFY2(c.verdict == Verdict::Pass || c.verdict == Verdict::Warning, qPrintable(key));
        } else {
            QVERIFY2(c.verdict == Verdict::Pass, qPrintable(key + u": "_qs + c.detail));
        }
        auto *label = w.findChild<StatusLabel *>(u"verdict-"_qs + key);
        QVERIFY2(label, qPrintable(key));
        QCOMPARE(label->text().contains(setup::ReadinessCheck::verdictName(c.verdict)), true);
    }
    shoot(w, u"4-readiness"_qs);
    goNext(w);

    // Mapping: the default mapping; the queue decision is highlighted until made.
    QCOMPARE(w.currentId(), int(SetupWizard::MappingPageId));
    setup::MappingProposal &mapping = w.controller()->mapping();
    QVERIFY(!mapping.mapping.rows.isEmpty());
    QVERIFY(mapping.count(setup::MappingLine::State::NeedsDecision) >= 1);
    auto *table = child<QTableWidget>(&w, "mappingTable");
    QCOMPARE(table->rowCount(), int(mapping.lines.size()));
    auto *fallback = child<QComboBox>(&w, "fallbackSalesPerson");
    QCOMPARE(fallback->count(), 1 + 5); // "none" + the 5 active users of the sample org
    shoot(w, u"5-mapping"_qs);
    const int integration = fallback->findText(u"Marketo Integration"_qs, Qt::MatchStartsWith);
    QVERIFY(integration > 0);
    fallback->setCurrentIndex(integration);
    QCOMPARE(mapping.policy.fallbackSalesPersonId, u"0057F00000DfR2xQAF"_qs);
    goNext(w);

    // First dry run: the workspace is saved, then the plan of all six stages.
    QCOMPARE(w.currentId(), int(SetupWizard::DryRunPageId));
    QTRY_VERIFY_WITH_TIMEOUT(w.controller()->hasDryRun(), 120000);
    QVERIFY(w.controller()->isSaved());
    const sync::RunResult run = w.controller()->dryRunResult();
    QVERIFY2(run.status == sync::RunResult::Status::Succeeded
                     || run.status == sync::RunResult::Status::Findings,
             qPrintable(run.message));
    const QJsonArray stages = run.plan.value(u"stages"_qs).toArray();
    QCOMPARE(stages.size(), 6);
    auto total = [&](int index) {
        return stages.at(index).toObject().value(u"counts"_qs).toObject().value(u"total"_qs).toInt();
    };
    QCOMPARE(total(1), 12);      // companies: the 12 accounts (MANIFEST)
    QCOMPARE(total(2), 21 + 22); // people: 21 contacts + 22 leads
    QCOMPARE(total(3), 32);      // opportunities
    QCOMPARE(total(4), 35);      // opportunity contact roles
    QCOMPARE(child<QTableWidget>(&w, "dryRunStages")->rowCount(), 6);
    shoot(w, u"6-dry-run"_qs);
    QTRY_VERIFY(w.button(QWizard::FinishButton)->isEnabled());
    QTest::mouseClick(w.button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(w.result(), int(QDialog::Accepted), 20000);

    const setup::SetupResult result = w.takeResult();
    QVERIFY(result.valid);
    QVERIFY(result.bundledSandbox);
    QCOMPARE(result.workspaceName, name);
    QCOMPARE(result.secretsInKeychain, m_keychain);
    QCOMPARE(result.policy.fallbackSalesPersonId, u"0057F00000DfR2xQAF"_qs);
    {
        store::Workspace workspace(result.workspacePath);
        QVERIFY(workspace.open());
        const auto profile = store::ProfileRepository(workspace).profile(u"marketo"_qs);
        QVERIFY(profile);
        QCOMPARE(profile->clientId, sandbox::Sandbox::clientId());
        const auto mapping = store::MappingRepository(workspace).current();
        QVERIFY(mapping.has_value());
        // Every later run (GUI, CLI, Fix) follows the fallback chosen here.
        QCOMPARE(mapping->document.value(u"policy"_qs).toObject().value(u"fallbackSalesPersonId"_qs).toString(),
                 u"0057F00000DfR2xQAF"_qs);
    }
    checkKeychainHolds(name, u"marketo"_qs, creds::SecretKind::ClientSecret,
                       sandbox::Sandbox::clientSecret());
    checkNoSecretsInFiles({sandbox::Sandbox::clientSecret()});
}

void TestSetupWizard::realSystemsWithFaults()
{
    sandbox::SandboxOptions options;
    options.msiNonNative = false;
    options.nativeCrmSync = true;
    options.msiFieldsVisible = false;
    sandbox::Sandbox faulty;
    QString error;
    QVERIFY2(faulty.start(options, &error), qPrintable(error));

    std::unique_ptr<SetupWizard> wizard(ui::createSetupWizard());
    SetupWizard &w = *wizard;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QString name = u"Faulty org"_qs;
    passStartPage(w, false, name);
    QCOMPARE(w.currentId(), int(SetupWizard::SalesforcePageId));
    QVERIFY(!w.controller()->salesforce()->isConnected()); // nothing filled in for real systems

    auto *hostKind = child<QComboBox>(&w, "salesforceHostKind");
    auto *myDomain = child<QLineEdit>(&w, "salesforceMyDomain");
    auto *status = child<StatusLabel>(&w, "salesforceStatus");
    auto *signIn = child<QPushButton>(&w, "salesforceSignIn");
    auto *cancel = child<QPushButton>(&w, "salesforceCancel");
    // The Lightning address is recognised and turned into the API host.
    hostKind->setCurrentIndex(2);
    QTest::keyClicks(myDomain, u"https://exampleco--uat.sandbox.lightning.force.com"_qs);
    QVERIFY(child<StatusLabel>(&w, "salesforceHostStatus")->text()
                    .contains(u"https://exampleco--uat.sandbox.my.salesforce.com"_qs));
    // A sandbox user name on the production host gets a hint.
    hostKind->setCurrentIndex(0);
    QTest::keyClicks(child<QLineEdit>(&w, "salesforceUserName"), u"integ@example.com.uat"_qs);
    QVERIFY(child<StatusLabel>(&w, "salesforceUserHint")->text().contains(u"test.salesforce.com"_qs));
    shoot(w, u"2-salesforce-hints"_qs);

    hostKind->setCurrentIndex(2);
    myDomain->clear();
    QTest::keyClicks(myDomain, faulty.salesforceUrl().toString());
    child<QComboBox>(&w, "salesforceEnvironment")->setCurrentIndex(1); // the admin says: sandbox
    child<QRadioButton>(&w, "salesforceBrowserFlow")->setChecked(true);
    QTest::keyClicks(child<QLineEdit>(&w, "salesforceClientId"), sandbox::Sandbox::clientId());

    setup::SalesforceConnector *connector = w.controller()->salesforce();
    salesforce::SalesforceSettings settings = connector->settings();
    settings.redirectPort = 0;
    settings.timeouts = {5000, 20000};

    // 1. The browser never comes back: a clear message after the timeout.
    settings.browserTimeoutMs = 1500;
    settings.openBrowser = [](const QUrl &) {};
    connector->setSettings(settings);
    QTest::mouseClick(signIn, Qt::LeftButton);
    QVERIFY(cancel->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(status->state(), StatusLabel::State::Error, 10000);
    QVERIFY2(status->text().contains(u"did not come back"_qs), qPrintable(status->text()));
    QVERIFY(!nextButton(w)->isEnabled());

    // 2. The admin cancels while the browser is open.
    settings.browserTimeoutMs = 60000;
    connector->setSettings(settings);
    QTest::mouseClick(signIn, Qt::LeftButton);
    QCOMPARE(status->state(), StatusLabel::State::Busy);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(status->state(), StatusLabel::State::Error);
    QVERIFY(status->text().contains(u"cancelled"_qs));
    QVERIFY(!connector->isBusy());

    // 3. The admin approves in the browser: PKCE code flow, then the API's view of the org.
    QUrl opened;
    settings.openBrowser = [&opened](const QUrl &url) {
        opened = url;
        approveInSandbox(url);
    };
    connector->setSettings(settings);
    QTest::mouseClick(signIn, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(connector->isConnected(), 30000);
    QCOMPARE(QUrlQuery(opened).queryItemValue(u"code_challenge_method"_qs), u"S256"_qs);
    const QString refreshToken = connector->credentials().refreshToken;
    QVERIFY(!refreshToken.isEmpty());
    // The org says IsSandbox = false, the admin said sandbox: warned (field case C22, config C).
    auto *warning = child<StatusLabel>(&w, "salesforceEnvironmentWarning");
    QCOMPARE(warning->state(), StatusLabel::State::Warning);
    QVERIFY(warning->text().contains(u"PRODUCTION"_qs));
    shoot(w, u"2-salesforce-warning"_qs);
    goNext(w);

    // Marketo, typed by hand; a wrong secret first.
    QCOMPARE(w.currentId(), int(SetupWizard::MarketoPageId));
    auto *mkStatus = child<StatusLabel>(&w, "marketoStatus");
    QTest::keyClicks(child<QLineEdit>(&w, "marketoEndpoint"), faulty.marketoUrl().toString());
    QTest::keyClicks(child<QLineEdit>(&w, "marketoClientId"), sandbox::Sandbox::clientId());
    auto *secret = child<QLineEdit>(&w, "marketoClientSecret");
    QTest::keyClicks(secret, u"wrong-secret"_qs);
    QTest::mouseClick(child<QPushButton>(&w, "marketoTest"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(mkStatus->state(), StatusLabel::State::Error, 30000);
    QVERIFY(!nextButton(w)->isEnabled());
    secret->clear();
    QTest::keyClicks(secret, sandbox::Sandbox::clientSecret());
    QTest::mouseClick(child<QPushButton>(&w, "marketoTest"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(mkStatus->state(), StatusLabel::State::Ok, 30000);
    goNext(w);

    // Readiness: the three faults fail with a fix; the rest passes.
    QCOMPARE(w.currentId(), int(SetupWizard::ReadinessPageId));
    QTRY_VERIFY_WITH_TIMEOUT(w.controller()->hasMapping(), 60000);
    const setup::ReadinessReport report = w.controller()->readinessReport();
    const QHash<ReadinessItem, Verdict> expected{
        {ReadinessItem::MsiNonNative, Verdict::Fail},
        {ReadinessItem::NativeCrmSyncOff, Verdict::Fail},
        {ReadinessItem::SalesforcePermissions, Verdict::Pass},
        {ReadinessItem::MarketoPermissions, Verdict::Pass},
        {ReadinessItem::MsiFieldsLead, Verdict::Fail},
        {ReadinessItem::MsiFieldsContact, Verdict::Fail},
        {ReadinessItem::SalesforceQuota, Verdict::Pass},
    };
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const setup::ReadinessCheck &c = report.check(it.key());
        QVERIFY2(c.verdict == it.value(),
                 qPrintable(setup::ReadinessCheck::key(it.key()) + u": "_qs
                            + setup::ReadinessCheck::verdictName(c.verdict) + u" "_qs + c.detail));
        if (c.verdict == Verdict::Fail)
            QVERIFY2(!c.fix.isEmpty(), qPrintable(setup::ReadinessCheck::key(it.key())));
    }
    QVERIFY(report.check(ReadinessItem::MarketoQuota).verdict != Verdict::Fail);
    QVERIFY(report.check(ReadinessItem::NativeCrmSyncOff).detail.contains(u"1018"_qs));
    QVERIFY(report.check(ReadinessItem::MsiNonNative).detail.contains(u"externalPersonId"_qs));
    QVERIFY(report.check(ReadinessItem::MsiFieldsContact).detail
                    .contains(u"mkto_si__Last_Interesting_Moment_Date__c"_qs)); // C21
    QVERIFY(report.check(ReadinessItem::MsiFieldsLead).fix.contains(u"field-level security"_qs));
    QCOMPARE(child<StatusLabel>(&w, "readinessSummary")->state(), StatusLabel::State::Error);
    QVERIFY(child<StatusLabel>(&w, "verdict-native-crm-sync-off")->text()
                    .contains(setup::ReadinessCheck::verdictName(Verdict::Fail)));
    shoot(w, u"4-readiness-faults"_qs);
    goNext(w); // failures do not block the wizard

    // Mapping: lines that cannot work are highlighted with the reason.
    QCOMPARE(w.currentId(), int(SetupWizard::MappingPageId));
    const setup::MappingProposal &mapping = w.controller()->mapping();
    QVERIFY(mapping.count(setup::MappingLine::State::Unavailable) > 0);
    bool writeBackBlocked = false;
    for (const setup::MappingLine &l : mapping.lines)
        if (l.to.contains(u"mkto_si__Priority__c"_qs))
            writeBackBlocked = l.state == setup::MappingLine::State::Unavailable;
    QVERIFY(writeBackBlocked);
    QCOMPARE(child<StatusLabel>(&w, "mappingSummary")->state(), StatusLabel::State::Error);
    shoot(w, u"5-mapping-faults"_qs);
    goNext(w);

    // The dry run ends (with whatever the faulty systems allow) and the wizard can finish.
    QCOMPARE(w.currentId(), int(SetupWizard::DryRunPageId));
    QTRY_VERIFY_WITH_TIMEOUT(w.controller()->hasDryRun(), 120000);
    QVERIFY(!w.controller()->dryRunResult().message.isEmpty());
    QTRY_VERIFY(w.button(QWizard::FinishButton)->isEnabled());
    QTest::mouseClick(w.button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(w.result(), int(QDialog::Accepted), 20000);
    const setup::SetupResult result = w.takeResult();
    QVERIFY(result.valid);
    QVERIFY(!result.bundledSandbox);
    QCOMPARE(result.salesforceCredentials.flow, salesforce::AuthFlow::RefreshToken);

    checkKeychainHolds(name, u"salesforce"_qs, creds::SecretKind::RefreshToken, refreshToken);
    checkKeychainHolds(name, u"marketo"_qs, creds::SecretKind::ClientSecret,
                       sandbox::Sandbox::clientSecret());
    checkNoSecretsInFiles({sandbox::Sandbox::clientSecret(), refreshToken});
}

QTEST_MAIN(TestSetupWizard)
#include "tst_setupwizard.moc"
