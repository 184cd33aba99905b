// The setup wizard's input rules: Salesforce login hosts (salesforce-api.md section 1, field case
// C22) and Marketo endpoints (Munchkin ID / REST / identity URLs, marketo-api.md).
#include "setup/MarketoEndpoint.h"
#include "setup/SalesforceConnector.h"
#include "setup/SalesforceHostAdvice.h"

#include <QTest>

using msi::setup::MarketoEndpoint;
using msi::setup::SalesforceConnector;
using msi::setup::SalesforceHostAdvice;
using msi::setup::SalesforceHostKind;

Q_DECLARE_METATYPE(SalesforceHostKind)

class TestSetupInputs : public QObject
{
    Q_OBJECT
private slots:
    void loginHost_data();
    void loginHost();
    void sandboxUserName_data();
    void sandboxUserName();
    void marketoEndpoint_data();
    void marketoEndpoint();
    void environmentContradiction();
};

void TestSetupInputs::loginHost_data()
{
    QTest::addColumn<SalesforceHostKind>("kind");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("loginUrl"); // empty = refused
    QTest::addColumn<bool>("sandboxHost");
    QTest::addColumn<bool>("hasHint");

    QTest::newRow("production") << SalesforceHostKind::Production << QString()
                                << u"https://login.salesforce.com"_qs << false << false;
    QTest::newRow("sandbox") << SalesforceHostKind::Sandbox << QString()
                             << u"https://test.salesforce.com"_qs << true << false;
    QTest::newRow("my domain name") << SalesforceHostKind::MyDomain << u"exampleco"_qs
                                    << u"https://exampleco.my.salesforce.com"_qs << false << false;
    QTest::newRow("enhanced sandbox name") << SalesforceHostKind::MyDomain << u"exampleco--uat"_qs
                                           << u"https://exampleco--uat.sandbox.my.salesforce.com"_qs
                                           << true << false;
    QTest::newRow("my domain url with path")
            << SalesforceHostKind::MyDomain << u"https://exampleco.my.salesforce.com/home?x=1"_qs
            << u"https://exampleco.my.salesforce.com"_qs << false << false;
    // C22 config B: a Lightning UI host becomes its My Domain API host.
    QTest::newRow("lightning sandbox (C22 B)")
            << SalesforceHostKind::MyDomain << u"https://exampleco--uat.sandbox.lightning.force.com"_qs
            << u"https://exampleco--uat.sandbox.my.salesforce.com"_qs << true << true;
    QTest::newRow("lightning production")
            << SalesforceHostKind::MyDomain << u"exampleco.lightning.force.com"_qs
            << u"https://exampleco.my.salesforce.com"_qs << false << true;
    QTest::newRow("plain http refused") << SalesforceHostKind::MyDomain
                                        << u"http://exampleco.my.salesforce.com"_qs << QString()
                                        << false << false;
    QTest::newRow("empty my domain refused") << SalesforceHostKind::MyDomain << u"  "_qs
                                             << QString() << false << false;
    QTest::newRow("loopback sandbox server") << SalesforceHostKind::MyDomain
                                             << u"http://127.0.0.1:18443"_qs
                                             << u"http://127.0.0.1:18443"_qs << false << false;
}

void TestSetupInputs::loginHost()
{
    QFETCH(SalesforceHostKind, kind);
    QFETCH(QString, input);
    QFETCH(QString, loginUrl);
    QFETCH(bool, sandboxHost);
    QFETCH(bool, hasHint);
    const SalesforceHostAdvice a = SalesforceHostAdvice::advise(kind, input);
    if (loginUrl.isEmpty()) {
        QVERIFY(!a.isValid());
        QVERIFY(!a.error.isEmpty());
        return;
    }
    QVERIFY2(a.isValid(), qPrintable(a.error));
    QCOMPARE(a.loginUrl.toString(), loginUrl);
    QCOMPARE(a.sandboxHost, sandboxHost);
    QCOMPARE(!a.hint.isEmpty(), hasHint);
    if (hasHint)
        QVERIFY2(a.hint.contains(u"my.salesforce.com"_qs), qPrintable(a.hint));
}

void TestSetupInputs::sandboxUserName_data()
{
    QTest::addColumn<SalesforceHostKind>("kind");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("userName");
    QTest::addColumn<QString>("suffix"); // empty = no hint expected

    // C22 config A: a sandbox user name on the production host.
    QTest::newRow("C22 A") << SalesforceHostKind::Production << QString()
                           << u"integ@example.com.uat"_qs << u"uat"_qs;
    QTest::newRow("production my domain") << SalesforceHostKind::MyDomain << u"exampleco"_qs
                                          << u"integ@example.com.fullcopy"_qs << u"fullcopy"_qs;
    QTest::newRow("two-letter sandbox name") << SalesforceHostKind::Production << QString()
                                             << u"integ@example.com.qa"_qs << u"qa"_qs;
    QTest::newRow("sandbox host: fine") << SalesforceHostKind::Sandbox << QString()
                                        << u"integ@example.com.uat"_qs << QString();
    QTest::newRow("sandbox my domain: fine") << SalesforceHostKind::MyDomain << u"exampleco--uat"_qs
                                             << u"integ@example.com.uat"_qs << QString();
    QTest::newRow("normal address") << SalesforceHostKind::Production << QString()
                                    << u"integ@example.com"_qs << QString();
    QTest::newRow("country domain") << SalesforceHostKind::Production << QString()
                                    << u"integ@example.com.au"_qs << QString();
    QTest::newRow("co.uk") << SalesforceHostKind::Production << QString()
                           << u"integ@example.co.uk"_qs << QString();
    QTest::newRow("subdomain") << SalesforceHostKind::Production << QString()
                               << u"integ@mail.example.com"_qs << QString();
}

void TestSetupInputs::sandboxUserName()
{
    QFETCH(SalesforceHostKind, kind);
    QFETCH(QString, input);
    QFETCH(QString, userName);
    QFETCH(QString, suffix);
    const SalesforceHostAdvice a = SalesforceHostAdvice::advise(kind, input, userName);
    QVERIFY(a.isValid());
    if (suffix.isEmpty()) {
        QVERIFY2(a.userNameHint.isEmpty(), qPrintable(a.userNameHint));
        return;
    }
    QCOMPARE(SalesforceHostAdvice::sandboxSuffix(userName), suffix);
    QVERIFY(a.userNameHint.contains(u"test.salesforce.com"_qs));
    QVERIFY(a.userNameHint.contains(u"--"_qs + suffix + u".sandbox.my.salesforce.com"_qs));
}

void TestSetupInputs::marketoEndpoint_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("munchkin");
    QTest::addColumn<QString>("rest");     // empty = refused
    QTest::addColumn<QString>("identity");

    const QString rest = u"https://123-ABC-456.mktorest.com/rest"_qs;
    const QString identity = u"https://123-ABC-456.mktorest.com/identity"_qs;
    QTest::newRow("munchkin id") << u"123-ABC-456"_qs << u"123-ABC-456"_qs << rest << identity;
    QTest::newRow("lower-case munchkin") << u" 123-abc-456 "_qs << u"123-ABC-456"_qs << rest << identity;
    QTest::newRow("rest url") << u"https://123-ABC-456.mktorest.com/rest"_qs << u"123-ABC-456"_qs
                              << rest << identity;
    QTest::newRow("rest url, slash and v1") << u"https://123-abc-456.mktorest.com/rest/v1/"_qs
                                            << u"123-ABC-456"_qs << rest << identity;
    QTest::newRow("identity url") << u"https://123-ABC-456.mktorest.com/identity"_qs
                                  << u"123-ABC-456"_qs << rest << identity;
    QTest::newRow("token url") << u"123-ABC-456.mktorest.com/identity/oauth/token"_qs
                               << u"123-ABC-456"_qs << rest << identity;
    QTest::newRow("loopback sandbox") << u"http://127.0.0.1:18444"_qs << QString()
                                      << u"http://127.0.0.1:18444/rest"_qs
                                      << u"http://127.0.0.1:18444/identity"_qs;
    QTest::newRow("ui host refused") << u"https://app-ab12.marketo.com"_qs << QString() << QString()
                                     << QString();
    QTest::newRow("plain http refused") << u"http://123-ABC-456.mktorest.com/rest"_qs << QString()
                                        << QString() << QString();
    QTest::newRow("other path refused") << u"https://123-ABC-456.mktorest.com/soap"_qs << QString()
                                        << QString() << QString();
    QTest::newRow("empty refused") << QString() << QString() << QString() << QString();
}

void TestSetupInputs::marketoEndpoint()
{
    QFETCH(QString, input);
    QFETCH(QString, munchkin);
    QFETCH(QString, rest);
    QFETCH(QString, identity);
    const MarketoEndpoint e = MarketoEndpoint::parse(input);
    if (rest.isEmpty()) {
        QVERIFY(!e.isValid());
        QVERIFY(!e.error.isEmpty());
        return;
    }
    QVERIFY2(e.isValid(), qPrintable(e.error));
    QCOMPARE(e.munchkinId, munchkin);
    QCOMPARE(e.restUrl, QUrl(rest)); // hosts compare case-insensitively (QUrl lower-cases them)
    QCOMPARE(e.identityUrl, QUrl(identity));
}

void TestSetupInputs::environmentContradiction()
{
    using msi::store::Environment;
    const QUrl host(u"https://exampleco.my.salesforce.com"_qs);
    // C22 config C: labelled sandbox, but the org says it is production.
    const QString c = SalesforceConnector::contradiction(Environment::Sandbox, false, host);
    QVERIFY(c.contains(u"PRODUCTION"_qs));
    QVERIFY(!SalesforceConnector::contradiction(Environment::Production, true, host).isEmpty());
    QVERIFY(SalesforceConnector::contradiction(Environment::Production, false, host).isEmpty());
    QVERIFY(SalesforceConnector::contradiction(Environment::Sandbox, true, host).isEmpty());
}

QTEST_GUILESS_MAIN(TestSetupInputs)
#include "tst_setupinputs.moc"
