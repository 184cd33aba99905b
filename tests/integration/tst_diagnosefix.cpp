// Where `diagnose` and `check ids|all` read from, and `diagnose --fix`, against the in-process
// sandbox (which serves the bundled sample org): a workspace that does not exist or was never
// connected reads the bundled sample org (and no workspace file appears); a connected one reads the
// live systems (a record edited in the sandbox shows, and --sample still reads the bundled org);
// `diagnose --fix` re-syncs exactly one chain (Tim Barr, never synced: 11 records) and the
// re-diagnosis has no failing link; `sync --records` takes a 15-character ID.
#include "cli/CliApplication.h"
#include "cli/CliSession.h"
#include "sandbox/Sandbox.h"
#include "store/Workspace.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace msi;

namespace {

// Sample org (resources/sample-org/salesforce/*.json): Contact Tim Barr of Grand Hotels & Resorts
// Ltd, owner Daniel Okafor (0057F000009Zt4AQAS); the account has 5 opportunities; Tim has 2 roles
// (on ...Rt8 and ...RtA). Marketo holds no lead for him, nor for John Bond of the same account.
const QString kTim = u"0037F000009XkPZQA0"_qs;
const QString kJohnBond = u"0037F000009XkPaQAK"_qs;
const QString kGrandHotels = u"0017F000007y8FJQAY"_qs;
const QStringList kGrandHotelsOpps{u"0067F000004dRt7QAE"_qs, u"0067F000004dRt8QAE"_qs,
                                   u"0067F000004dRt9QAE"_qs, u"0067F000004dRtAQAU"_qs,
                                   u"0067F000004dRtBQAU"_qs};
const QStringList kTimRoleOpps{u"0067F000004dRt8QAE"_qs, u"0067F000004dRtAQAU"_qs};
// Contact Arthur Song (asong@uog.com) of account 0017F000007y8FKQAY: edited in the sandbox.
const QString kArthur = u"0037F000009XkPgQAK"_qs;

QJsonArray recordsWhere(const QJsonArray &records, const QString &key, const QString &value)
{
    QJsonArray found;
    for (const QJsonValue &record : records) {
        if (record.toObject().value(key).toString() == value)
            found.append(record);
    }
    return found;
}

bool hasFinding(const QJsonArray &findings, const QString &code, const QString &record)
{
    for (const QJsonValue &value : findings) {
        const QJsonObject finding = value.toObject();
        if (finding.value(u"code").toString() == code
            && finding.value(u"records").toArray().contains(QJsonValue(record)))
            return true;
    }
    return false;
}

QStringList failingLinks(const QJsonObject &diagnosis)
{
    QStringList failing;
    for (const QJsonValue &link : diagnosis.value(u"links").toArray()) {
        if (link.toObject().value(u"verdict").toString() == u"fail")
            failing.append(link.toObject().value(u"link").toString() + u": "_qs
                           + link.toObject().value(u"cause").toString());
    }
    return failing;
}

} // namespace

class TestDiagnoseFix : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void notConnectedReadsSample_data();
    void notConnectedReadsSample();
    void connectedReadsLive();
    void defaultWorkspace();
    void fixUsageErrors_data();
    void fixUsageErrors();
    void syncRecords15();
    void fixDryRunSendsNothing();
    void fixRepairsOneChain();
    void queueOwnedAccountUsesTheFallback();

private:
    struct Result
    {
        int code = -1;
        QString out;
        QString err;
        QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
        QJsonArray array() const { return QJsonDocument::fromJson(out.toUtf8()).array(); }
    };
    Result cli(const QStringList &arguments) const;
    sandbox::Sandbox m_sandbox;
    QTemporaryDir m_dir;
    QString m_workspace;
};

TestDiagnoseFix::Result TestDiagnoseFix::cli(const QStringList &arguments) const
{
    Result result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    cli::CliApplication application;
    result.code = application.run(QStringList{u"msi-bridge-cli"_qs} + arguments, {out, err});
    out.flush();
    err.flush();
    return result;
}

void TestDiagnoseFix::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(m_sandbox.start(sandbox::SandboxOptions{}, &error), qPrintable(error));
    qputenv("MSI_BRIDGE_SF_CLIENT_ID", sandbox::Sandbox::clientId().toUtf8());
    qputenv("MSI_BRIDGE_SF_CLIENT_SECRET", sandbox::Sandbox::clientSecret().toUtf8());
    qputenv("MSI_BRIDGE_MARKETO_CLIENT_ID", sandbox::Sandbox::clientId().toUtf8());
    qputenv("MSI_BRIDGE_MARKETO_CLIENT_SECRET", sandbox::Sandbox::clientSecret().toUtf8());
    m_workspace = m_dir.filePath(u"connected.sqlite"_qs);
    const Result connected = cli({u"--workspace"_qs, m_workspace, u"connect"_qs,
                                  u"--salesforce-url"_qs, m_sandbox.salesforceUrl().toString(),
                                  u"--marketo-url"_qs, m_sandbox.marketoUrl().toString()});
    QVERIFY2(connected.code == 0, qPrintable(connected.err));

    // Arthur Song as the admin changed him after the sample org was written: an e-mail with two
    // '@' and his AccountId in its 15-character form.
    QVERIFY2(m_sandbox.editSalesforceRecord(kArthur, {{u"Email"_qs, u"asong@@uog.com"_qs},
                                                      {u"AccountId"_qs, u"0017F000007y8FK"_qs}},
                                            &error),
             qPrintable(error));
}

void TestDiagnoseFix::notConnectedReadsSample_data()
{
    QTest::addColumn<bool>("exists"); // an empty workspace (no connection profiles) or no file
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("code");
    QTest::newRow("diagnose, no file")
        << false << QStringList{u"diagnose"_qs, kArthur, u"--json"_qs} << 1;
    QTest::newRow("diagnose, empty workspace")
        << true << QStringList{u"diagnose"_qs, kArthur, u"--json"_qs} << 1;
    QTest::newRow("diagnose --all, no file")
        << false << QStringList{u"diagnose"_qs, u"--all"_qs, u"--json"_qs} << 1;
    QTest::newRow("check ids, no file") << false << QStringList{u"check"_qs, u"ids"_qs, u"--json"_qs} << 1;
    QTest::newRow("check all, empty workspace")
        << true << QStringList{u"check"_qs, u"all"_qs, u"--json"_qs} << 1;
}

void TestDiagnoseFix::notConnectedReadsSample()
{
    QFETCH(bool, exists);
    QFETCH(QStringList, arguments);
    QFETCH(int, code);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"never-connected.sqlite"_qs);
    if (exists) {
        store::Workspace workspace(path);
        QString error;
        QVERIFY2(workspace.open(&error), qPrintable(error));
    }
    const Result r = cli(QStringList{u"--workspace"_qs, path} + arguments);
    QVERIFY2(r.code == code, qPrintable(r.err));
    QVERIFY2(r.err.contains(u"reading the bundled sample org: workspace "_qs + path
                            + u" is not connected"_qs),
             qPrintable(r.err));
    QCOMPARE(QFileInfo::exists(path), exists); // reading never creates a workspace
    if (arguments.contains(kArthur)) // the seed's e-mail, not the sandbox's edited one
        QCOMPARE(r.json().value(u"record").toObject().value(u"email").toString(), u"asong@uog.com"_qs);
}

void TestDiagnoseFix::connectedReadsLive()
{
    // diagnose: the live record (the edited e-mail); --sample: the bundled org's.
    const Result live = cli({u"--workspace"_qs, m_workspace, u"diagnose"_qs, kArthur, u"--json"_qs});
    QVERIFY2(live.code == 1, qPrintable(live.err));
    QVERIFY2(live.err.contains(u"live from Salesforce"_qs), qPrintable(live.err));
    QCOMPARE(live.json().value(u"record").toObject().value(u"email").toString(), u"asong@@uog.com"_qs);
    const Result sample = cli({u"--workspace"_qs, m_workspace, u"diagnose"_qs, kArthur, u"--json"_qs,
                               u"--sample"_qs});
    QVERIFY2(sample.code == 1, qPrintable(sample.err));
    QVERIFY2(sample.err.contains(u"the bundled sample org (--sample), not the systems of workspace"_qs),
             qPrintable(sample.err));
    QCOMPARE(sample.json().value(u"record").toObject().value(u"email").toString(), u"asong@uog.com"_qs);

    // check ids / all: every record read into the workspace first, then checked.
    const Result ids = cli({u"--workspace"_qs, m_workspace, u"check"_qs, u"ids"_qs, u"--json"_qs});
    QVERIFY2(ids.code == 1, qPrintable(ids.err));
    QVERIFY2(ids.err.contains(u"reading every record of the live systems"_qs), qPrintable(ids.err));
    QVERIFY2(hasFinding(ids.array(), u"SF_ID_15CHAR"_qs, kArthur), qPrintable(ids.out));
    const Result idsSample = cli({u"--workspace"_qs, m_workspace, u"check"_qs, u"ids"_qs,
                                  u"--json"_qs, u"--sample"_qs});
    QVERIFY2(idsSample.code == 1, qPrintable(idsSample.err));
    QVERIFY(!hasFinding(idsSample.array(), u"SF_ID_15CHAR"_qs, kArthur));

    const Result all = cli({u"--workspace"_qs, m_workspace, u"check"_qs, u"all"_qs, u"--json"_qs});
    QVERIFY2(all.code == 1, qPrintable(all.err));
    QVERIFY2(hasFinding(all.array(), u"SF_EMAIL_INVALID"_qs, kArthur), qPrintable(all.out));
    const Result allSample = cli({u"--workspace"_qs, m_workspace, u"check"_qs, u"all"_qs,
                                  u"--json"_qs, u"--sample"_qs});
    QVERIFY(!hasFinding(allSample.array(), u"SF_EMAIL_INVALID"_qs, kArthur));

    // --snapshot: what that read stored, without a single call to either system.
    const int marketoCalls = m_sandbox.marketoCallsToday();
    const int salesforceCalls = m_sandbox.salesforceApiUsage();
    const Result stored = cli({u"--workspace"_qs, m_workspace, u"check"_qs, u"all"_qs, u"--json"_qs,
                               u"--snapshot"_qs});
    QVERIFY2(stored.code == 1, qPrintable(stored.err));
    QVERIFY2(stored.err.contains(u"reading the snapshot stored in workspace"_qs), qPrintable(stored.err));
    QCOMPARE(stored.array(), all.array());
    const Result storedDiagnosis = cli({u"--workspace"_qs, m_workspace, u"diagnose"_qs, kArthur,
                                        u"--json"_qs, u"--snapshot"_qs});
    QVERIFY2(storedDiagnosis.code == 1, qPrintable(storedDiagnosis.err));
    QCOMPARE(storedDiagnosis.json().value(u"record").toObject().value(u"email").toString(),
             u"asong@@uog.com"_qs);
    QCOMPARE(m_sandbox.marketoCallsToday(), marketoCalls);
    QCOMPARE(m_sandbox.salesforceApiUsage(), salesforceCalls);
    const QString missing = m_dir.filePath(u"missing.sqlite"_qs);
    const Result none = cli({u"--workspace"_qs, missing, u"check"_qs, u"ids"_qs, u"--snapshot"_qs});
    QCOMPARE(none.code, 2);
    QVERIFY2(none.err.contains(missing + u" does not exist"_qs), qPrintable(none.err));
    QVERIFY(!QFileInfo::exists(missing));

    // diagnose --all: the live snapshot holds the same records as the sample org.
    const Result bulk = cli({u"--workspace"_qs, m_workspace, u"diagnose"_qs, u"--all"_qs, u"--json"_qs});
    QVERIFY2(bulk.code == 1, qPrintable(bulk.err));
    QVERIFY2(bulk.err.contains(u"reading every record of the live systems"_qs), qPrintable(bulk.err));
    const Result bulkSample = cli({u"--workspace"_qs, m_workspace, u"diagnose"_qs, u"--all"_qs,
                                   u"--json"_qs, u"--sample"_qs});
    QCOMPARE(bulk.json().value(u"records").toInt(), bulkSample.json().value(u"records").toInt());
    QVERIFY(bulk.json().value(u"records").toInt() > 0);
}

// No --workspace: the user's default workspace decides, once it exists with its profiles (made
// here as the setup wizard would, without touching the keychain: the variables hold the secrets).
void TestDiagnoseFix::defaultWorkspace()
{
    qputenv("XDG_DATA_HOME", m_dir.filePath(u"data"_qs).toUtf8());
    const QString path = store::Workspace::defaultPath(u"default"_qs);
    QVERIFY(path.startsWith(m_dir.path()));
    const Result before = cli({u"diagnose"_qs, kArthur, u"--json"_qs});
    QVERIFY2(before.code == 1, qPrintable(before.err));
    QVERIFY2(before.err.contains(u"reading the bundled sample org"_qs), qPrintable(before.err));
    QCOMPARE(before.json().value(u"record").toObject().value(u"email").toString(), u"asong@uog.com"_qs);
    QVERIFY(!QFileInfo::exists(path));
    {
        store::Workspace workspace(path);
        QString error;
        QVERIFY2(workspace.open(&error), qPrintable(error));
        sync::EngineConnection connection;
        connection.salesforce.loginUrl = m_sandbox.salesforceUrl();
        connection.salesforce.clientId = sandbox::Sandbox::clientId();
        connection.marketo.baseUrl = m_sandbox.marketoUrl();
        connection.marketo.clientId = sandbox::Sandbox::clientId();
        QVERIFY2(cli::CliSession::saveConnection(workspace, connection, &error), qPrintable(error));
    }
    const Result after = cli({u"diagnose"_qs, kArthur, u"--json"_qs});
    QVERIFY2(after.code == 1, qPrintable(after.err));
    QVERIFY2(after.err.contains(u"live from Salesforce"_qs), qPrintable(after.err));
    QCOMPARE(after.json().value(u"record").toObject().value(u"email").toString(), u"asong@@uog.com"_qs);
    qunsetenv("XDG_DATA_HOME");
}

void TestDiagnoseFix::fixUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("--fix --sample") << QStringList{u"diagnose"_qs, kTim, u"--fix"_qs, u"--sample"_qs}
                                    << u"--fix re-syncs the live systems"_qs;
    QTest::newRow("--fix --all") << QStringList{u"diagnose"_qs, u"--all"_qs, u"--fix"_qs}
                                 << u"instead of --all"_qs;
    QTest::newRow("--dry-run alone") << QStringList{u"diagnose"_qs, kTim, u"--dry-run"_qs}
                                     << u"go with --fix"_qs;
    QTest::newRow("--sample --live") << QStringList{u"diagnose"_qs, kTim, u"--sample"_qs, u"--live"_qs}
                                     << u"only one of --sample"_qs;
    QTest::newRow("bad fallback") << QStringList{u"diagnose"_qs, kTim, u"--fix"_qs,
                                                 u"--fallback-sales-person"_qs, kTim}
                                  << u"is not a User ID"_qs;
}

void TestDiagnoseFix::fixUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Result r = cli(QStringList{u"--workspace"_qs, m_workspace} + arguments);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());

    // A workspace that was never connected cannot be fixed (and is not created).
    const QString never = m_dir.filePath(u"never.sqlite"_qs);
    const Result unconnected = cli({u"--workspace"_qs, never, u"diagnose"_qs, kTim, u"--fix"_qs});
    QCOMPARE(unconnected.code, 2);
    QVERIFY2(unconnected.err.contains(u"--fix needs a connected workspace; workspace "_qs + never
                                      + u" is not"_qs),
             qPrintable(unconnected.err));
    QVERIFY(!QFileInfo::exists(never));
}

void TestDiagnoseFix::syncRecords15()
{
    // John Bond by his 15-character ID: a dry run of just him (the leads stage holds one record).
    const Result r = cli({u"--workspace"_qs, m_workspace, u"sync"_qs, u"--records"_qs,
                          kJohnBond.left(15), u"--dry-run"_qs, u"--json"_qs});
    QVERIFY2(r.code == 0 || r.code == 1, qPrintable(r.err));
    const QJsonArray stages = r.json().value(u"stages").toArray();
    QCOMPARE(stages.size(), 6);
    QCOMPARE(stages.at(2).toObject().value(u"stage").toString(), u"leads"_qs);
    QCOMPARE(stages.at(2).toObject().value(u"total").toInt(), 1);
    QVERIFY(recordsWhere(m_sandbox.marketoRecords(u"leads"_qs), u"externalPersonId"_qs, kJohnBond)
                .isEmpty());
}

void TestDiagnoseFix::fixDryRunSendsNothing()
{
    const int calls = m_sandbox.marketoCallsToday();
    const Result r = cli({u"--workspace"_qs, m_workspace, u"diagnose"_qs, kTim, u"--fix"_qs,
                          u"--dry-run"_qs, u"--json"_qs});
    QVERIFY2(r.code == 1, qPrintable(r.err));
    const QJsonObject json = r.json();
    QCOMPARE(json.value(u"before").toObject().value(u"verdict").toString(), u"fail"_qs);
    const QJsonArray records = json.value(u"fix").toObject().value(u"records").toArray();
    QCOMPARE(records.size(), 11);
    QVERIFY(json.value(u"fix").toObject().value(u"run").isNull());
    QVERIFY(json.value(u"after").isNull());
    // Only the live diagnosis read Marketo; nothing was written.
    QVERIFY(recordsWhere(m_sandbox.marketoRecords(u"leads"_qs), u"externalPersonId"_qs, kTim).isEmpty());
    QVERIFY(m_sandbox.marketoCallsToday() - calls < 20);

    // Text: the plan by name, in stage order, and the same run by hand.
    const Result text = cli({u"--workspace"_qs, m_workspace, u"diagnose"_qs, kTim, u"--fix"_qs,
                             u"--dry-run"_qs});
    QVERIFY2(text.code == 1, qPrintable(text.err));
    QVERIFY2(text.out.contains(u"The fix would re-sync 11 record(s)"_qs), qPrintable(text.out));
    QVERIFY2(text.out.contains(u"msi-bridge-cli sync --records 005"_qs), qPrintable(text.out));
    const QString plan = text.out.mid(text.out.indexOf(u"The fix would re-sync"_qs));
    QVERIFY(plan.indexOf(u"0057F000009Zt4AQAS"_qs) < plan.indexOf(kGrandHotels));
    QVERIFY(plan.indexOf(kGrandHotels) < plan.indexOf(kTim));
    QVERIFY(plan.indexOf(kTim) < plan.indexOf(kGrandHotelsOpps.first()));
    QVERIFY(!text.out.contains(kJohnBond));
}

void TestDiagnoseFix::fixRepairsOneChain()
{
    const Result r = cli({u"--workspace"_qs, m_workspace, u"diagnose"_qs, kTim, u"--fix"_qs,
                          u"--json"_qs});
    QVERIFY2(r.code == 0 || r.code == 1, qPrintable(r.err));
    const QJsonObject json = r.json();
    const QJsonObject before = json.value(u"before").toObject();
    QCOMPARE(before.value(u"verdict").toString(), u"fail"_qs);
    QCOMPARE(before.value(u"links").toArray().first().toObject().value(u"problem").toString(),
             u"person-missing"_qs);

    const QJsonObject fix = json.value(u"fix").toObject();
    const QJsonArray records = fix.value(u"records").toArray();
    QCOMPARE(records.size(), 11);
    QVERIFY(records.contains(QJsonValue(kGrandHotels)));
    QVERIFY(records.contains(QJsonValue(kTim)));
    QVERIFY(!records.contains(QJsonValue(kJohnBond)));
    const QJsonObject run = fix.value(u"run").toObject();
    QVERIFY2(run.value(u"run").toInteger() > 0, qPrintable(r.out));
    QCOMPARE(run.value(u"dryRun").toBool(), false);
    QCOMPARE(run.value(u"stages").toArray().at(2).toObject().value(u"created").toInt(), 1);

    const QJsonObject after = json.value(u"after").toObject();
    QCOMPARE(after.value(u"record").toObject().value(u"id").toString(), kTim);
    QVERIFY2(failingLinks(after).isEmpty(), qPrintable(failingLinks(after).join(u'\n')));
    QCOMPARE(r.code, after.value(u"verdict").toString() == u"pass" ? 0 : 1);

    // Marketo's own records: Tim linked to his company, the account's opportunities and his
    // roles with his Marketo lead id; John Bond of the same account was not sent.
    const QJsonArray leads = m_sandbox.marketoRecords(u"leads"_qs);
    const QJsonArray tim = recordsWhere(leads, u"externalPersonId"_qs, kTim);
    QCOMPARE(tim.size(), 1);
    QCOMPARE(tim.first().toObject().value(u"externalCompanyId"_qs).toString(), kGrandHotels);
    QCOMPARE(tim.first().toObject().value(u"externalSalesPersonId"_qs).toString(), u"0057F000009Zt4AQAS"_qs);
    QVERIFY(recordsWhere(leads, u"externalPersonId"_qs, kJohnBond).isEmpty());
    QCOMPARE(recordsWhere(m_sandbox.marketoRecords(u"companies"_qs), u"externalCompanyId"_qs,
                          kGrandHotels).size(), 1);
    const QJsonArray opportunities = m_sandbox.marketoRecords(u"opportunities"_qs);
    QCOMPARE(opportunities.size(), kGrandHotelsOpps.size());
    for (const QString &opp : kGrandHotelsOpps)
        QCOMPARE(recordsWhere(opportunities, u"externalOpportunityId"_qs, opp).size(), 1);
    const qint64 timLead = tim.first().toObject().value(u"id"_qs).toInteger();
    const QJsonArray roles = m_sandbox.marketoRecords(u"opportunityRoles"_qs);
    QCOMPARE(roles.size(), kTimRoleOpps.size());
    for (const QJsonValue &role : roles)
        QCOMPARE(role.toObject().value(u"leadId"_qs).toInteger(), timLead);
    for (const QString &opp : kTimRoleOpps)
        QCOMPARE(recordsWhere(roles, u"externalOpportunityId"_qs, opp).size(), 1);

    // The watermarks did not move: the next plain run still reads every record.
    const Result next = cli({u"--workspace"_qs, m_workspace, u"sync"_qs, u"--dry-run"_qs, u"--json"_qs});
    QVERIFY2(next.code == 0 || next.code == 1, qPrintable(next.err));
    QCOMPARE(next.json().value(u"incremental").toBool(), false);
}

// Edge Communications owned by a queue, on a sandbox of its own: without a fallback sales person
// the owner links are the admin's to mend; with --fallback-sales-person (Sophie Lindqvist, Marketo
// sales person 3 in the sample Marketo) the live read fetches her, the chain is checked against
// her and the fix re-syncs with her.
void TestDiagnoseFix::queueOwnedAccountUsesTheFallback()
{
    const QString edge = u"0017F000007y8FFQAY"_qs;
    const QString sophie = u"0057F00000CkP8sQAF"_qs;
    sandbox::Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(sandbox::SandboxOptions{}, &error), qPrintable(error));
    QVERIFY(sandbox.editSalesforceRecord(edge, {{u"OwnerId"_qs, u"00G7F000003AbCdUAK"_qs}}));
    const QString workspace = m_dir.filePath(u"queue-%1.sqlite"_qs.arg(QCoreApplication::applicationPid()));
    QCOMPARE(cli({u"--workspace"_qs, workspace, u"connect"_qs, u"--salesforce-url"_qs,
                  sandbox.salesforceUrl().toString(), u"--marketo-url"_qs,
                  sandbox.marketoUrl().toString()}).code,
             0);
    const auto link = [](const QJsonObject &diagnosis, const QString &name) {
        for (const QJsonValue &v : diagnosis.value(u"links"_qs).toArray()) {
            if (v.toObject().value(u"link"_qs).toString() == name)
                return v.toObject();
        }
        return QJsonObject();
    };

    const Result blocked = cli({u"--workspace"_qs, workspace, u"diagnose"_qs, edge, u"--fix"_qs,
                                u"--dry-run"_qs, u"--json"_qs});
    QCOMPARE(blocked.code, 1);
    const QJsonObject owner = link(blocked.json().value(u"before"_qs).toObject(), u"company.owner"_qs);
    QCOMPARE(owner.value(u"verdict"_qs).toString(), u"fail"_qs);
    QCOMPARE(owner.value(u"problem"_qs).toString(), u"owner-not-user"_qs);
    QVERIFY(!blocked.json().value(u"fix"_qs).toObject().value(u"fixableLinks"_qs).toArray()
                 .contains(u"company.owner"_qs));

    const Result withFallback = cli({u"--workspace"_qs, workspace, u"diagnose"_qs, edge,
                                     u"--fix"_qs, u"--dry-run"_qs, u"--json"_qs,
                                     u"--fallback-sales-person"_qs, sophie});
    QCOMPARE(withFallback.code, 1); // company 8 has no owner yet (M-10): the fix sets it
    const QJsonObject before = withFallback.json().value(u"before"_qs).toObject();
    const QJsonObject salesPerson = link(before, u"salesperson"_qs);
    QCOMPARE(salesPerson.value(u"verdict"_qs).toString(), u"pass"_qs);
    QVERIFY2(salesPerson.value(u"cause"_qs).toString().contains(u"Sophie Lindqvist"),
             qPrintable(salesPerson.value(u"cause"_qs).toString()));
    QCOMPARE(link(before, u"company.owner"_qs).value(u"problem"_qs).toString(),
             u"company-owner-missing"_qs);
    QVERIFY(withFallback.json().value(u"fix"_qs).toObject().value(u"records"_qs).toArray()
                .contains(sophie));
    const Result text = cli({u"--workspace"_qs, workspace, u"diagnose"_qs, edge, u"--fix"_qs,
                             u"--dry-run"_qs, u"--fallback-sales-person"_qs, sophie});
    QVERIFY2(text.out.contains(u" --fallback-sales-person "_qs + sophie), qPrintable(text.out));
}

QTEST_GUILESS_MAIN(TestDiagnoseFix)
#include "tst_diagnosefix.moc"
