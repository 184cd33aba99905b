// DiagnosisFix: which Salesforce records the Fix button re-syncs for one diagnosed chain, and which
// broken links it leaves to the admin. Expected record sets are read off the sample org's
// salesforce/*.json by hand (the record, what its MSI panel shows, and every parent the staged
// sync needs: owners that are users, accounts, opportunities and people of roles).
#include "checks/DiagnosisFix.h"
#include "checks/MsiDiagnosis.h"
#include "checks/SeedReader.h"

#include <QTest>

using namespace msi::checks;

namespace {

SystemState sample()
{
    SystemState state;
    QString error;
    if (!SeedReader::read(QStringLiteral(MSI_SAMPLE_ORG_DIR), &state, &error))
        qFatal("%s", qPrintable(error));
    return state;
}

// The fix plan of the one record a query finds in the sample org.
FixPlan planFor(const QString &query)
{
    const SystemState state = sample();
    const MsiDiagnosis diagnosis(state);
    const MsiDiagnosis::Lookup found = diagnosis.find(query);
    if (found.candidates.size() != 1)
        qFatal("fixture query %s finds %d records", qPrintable(query), int(found.candidates.size()));
    return DiagnosisFix::plan(diagnosis.diagnose(*found.candidates.first()), diagnosis);
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class TestDiagnosisFix final : public QObject
{
    Q_OBJECT
private slots:
    void chainRecords_data();
    void chainRecords();
    void manualSteps_data();
    void manualSteps();
    void legacyCompanyStepKeepsTheNewCompany();
    void fixableProblems_data();
    void fixableProblems();
};

void TestDiagnosisFix::chainRecords_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");

    // Contact Tim Barr, Grand Hotels: owner Daniel Okafor; the account's 5 opportunities, two of
    // them owned by María José Álvarez (MANIFEST "opportunity owner != company owner"); his 2 roles.
    QTest::newRow("contact with opportunities owned by another rep")
        << u"0037F000009XkPZ"_qs
        << QStringList{u"0037F000009XkPZQA0"_qs, u"0057F000009Zt4AQAS"_qs, u"0057F00000Bq3LmQAJ"_qs,
                       u"0017F000007y8FJQAY"_qs, u"0067F000004dRt7QAE"_qs, u"0067F000004dRt8QAE"_qs,
                       u"0067F000004dRt9QAE"_qs, u"0067F000004dRtAQAU"_qs, u"0067F000004dRtBQAU"_qs,
                       u"00K7F00000Bz1XDUAZ"_qs, u"00K7F00000Bz24MUAR"_qs};
    // Lead Bertha Boxer: no account, no roles; only her owner.
    QTest::newRow("lead") << u"00Q7F000006QwAbUAK"_qs
                          << QStringList{u"00Q7F000006QwAbUAK"_qs, u"0057F000009Zt4AQAS"_qs};
    // Account Edge Communications: owner María, people Rose and Sean, 4 opportunities, 4 roles.
    QTest::newRow("account")
        << u"0017F000007y8FFQAY"_qs
        << QStringList{u"0017F000007y8FFQAY"_qs, u"0057F00000Bq3LmQAJ"_qs, u"0037F000009XkPUQA0"_qs,
                       u"0037F000009XkPVQA0"_qs, u"0067F000004dRt0QAE"_qs, u"0067F000004dRt1QAE"_qs,
                       u"0067F000004dRt2QAE"_qs, u"0067F000004dRt3QAE"_qs, u"00K7F00000Bz1QaUAJ"_qs,
                       u"00K7F00000Bz1V0UAJ"_qs, u"00K7F00000Bz1dqUAB"_qs, u"00K7F00000Bz2bVUAR"_qs};
    // An Edge opportunity: its owner and account, Rose's role and Rose.
    QTest::newRow("opportunity")
        << u"0067F000004dRt1QAE"_qs
        << QStringList{u"0067F000004dRt1QAE"_qs, u"0057F00000Bq3LmQAJ"_qs, u"0017F000007y8FFQAY"_qs,
                       u"00K7F00000Bz1QaUAJ"_qs, u"0037F000009XkPUQA0"_qs};
}

void TestDiagnosisFix::chainRecords()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    const FixPlan plan = planFor(query);
    QCOMPARE(sorted(plan.records.values()), sorted(expected));
    // Before any sync every chain is broken in a way a sync mends.
    QVERIFY(plan.canFix());
}

void TestDiagnosisFix::manualSteps_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expectedLink");
    QTest::addColumn<QStringList>("mentions");

    // M-03: two Marketo leads share spavlova@uog.com; a sync must not pick one.
    QTest::newRow("duplicate leads by e-mail")
        << u"0037F000009XkPbQAK"_qs << u"person"_qs
        << QStringList{u"lead:1047"_qs, u"lead:1052"_qs, u"Merge"_qs};
    // Her account's chain stays broken through her: the account's Fix says so, naming her.
    QTest::newRow("account with a person whose leads are duplicates")
        << u"0017F000007y8FKQAY"_qs << u"person"_qs
        << QStringList{u"Contact Stella Pavlova (0037F000009XkPbQAK)"_qs, u"lead:1047"_qs,
                       u"lead:1052"_qs};
}

void TestDiagnosisFix::manualSteps()
{
    QFETCH(QString, query);
    QFETCH(QString, expectedLink);
    QFETCH(QStringList, mentions);
    const FixPlan plan = planFor(query);
    QVERIFY(!plan.fixableLinks.contains(expectedLink));
    QVERIFY2(!plan.manualSteps.isEmpty(), "a duplicate needs the admin");
    const QString steps = plan.manualSteps.join(u'\n');
    for (const QString &mention : mentions)
        QVERIFY2(steps.contains(mention), qPrintable(steps));
}

// M-02 after the fix: the 18-character company (here 20) exists beside legacy company 7; the
// admin is told to delete 7 only, never the company that replaces it.
void TestDiagnosisFix::legacyCompanyStepKeepsTheNewCompany()
{
    SystemState state = sample();
    state.mktoCompanies.append(QJsonObject{{u"id"_qs, 20},
                                           {u"externalCompanyId"_qs, u"0017F000007y8FKQAY"_qs},
                                           {u"company"_qs, u"United Oil & Gas Corp."_qs}});
    const MsiDiagnosis diagnosis(state);
    const MsiDiagnosis::Lookup found = diagnosis.find(u"0017F000007y8FKQAY"_qs);
    QCOMPARE(found.candidates.size(), 1);
    const FixPlan plan = DiagnosisFix::plan(diagnosis.diagnose(*found.candidates.first()), diagnosis);
    QString step;
    for (const QString &s : plan.manualSteps) {
        if (s.contains(u"legacy Marketo company"))
            step = s;
    }
    QVERIFY2(step.contains(u"(company:7)"), qPrintable(plan.manualSteps.join(u'\n')));
    QVERIFY2(step.contains(u"company 20 with the 18-character ID"), qPrintable(step));
    QVERIFY2(!step.contains(u"company:20"), qPrintable(step));
}

void TestDiagnosisFix::fixableProblems_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<bool>("fixable");
    // A sync sends the missing or wrong link again...
    QTest::newRow("person missing") << u"person-missing"_qs << true;
    QTest::newRow("lead known only by e-mail") << u"person-email-only"_qs << true;
    QTest::newRow("sales person missing") << u"salesperson-missing"_qs << true;
    QTest::newRow("sales person e-mail") << u"salesperson-email-mismatch"_qs << true;
    QTest::newRow("company never synced") << u"company-never-synced"_qs << true;
    QTest::newRow("role with wrong lead") << u"role-wrong-lead"_qs << true;
    QTest::newRow("scores not written") << u"scores-not-written"_qs << true;
    // ...but cannot merge duplicates, grant field access or score a person.
    QTest::newRow("person duplicate") << u"person-duplicate"_qs << false;
    QTest::newRow("company duplicate") << u"company-duplicate"_qs << false;
    QTest::newRow("field hidden") << u"msi-field-hidden"_qs << false;
    QTest::newRow("field read-only") << u"msi-field-readonly"_qs << false;
    QTest::newRow("queue owner") << u"owner-not-user"_qs << false;
    QTest::newRow("no scores yet") << u"no-scores"_qs << false;
    QTest::newRow("blocked by an earlier link") << u"blocked"_qs << false;
    QTest::newRow("invalid e-mail (M-08)") << u"email-invalid"_qs << false;
    QTest::newRow("legacy company to delete (M-02)") << u"company-legacy"_qs << false;
    QTest::newRow("person e-mail differs") << u"email-different"_qs << true;
    QTest::newRow("passing link") << QString() << false;
}

void TestDiagnosisFix::fixableProblems()
{
    QFETCH(QString, problem);
    QFETCH(bool, fixable);
    QCOMPARE(DiagnosisFix::fixableBySync(problem), fixable);
}

QTEST_GUILESS_MAIN(TestDiagnosisFix)
#include "tst_diagnosisfix.moc"
