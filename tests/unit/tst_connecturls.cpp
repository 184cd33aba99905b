// `connect`'s URL checks before any call: a URL that is not http(s), has no host, is plain http
// off this machine, or belongs to the other system (well-known host names of Salesforce and
// Marketo, salesforce-api.md / marketo-api.md) is named with what is wrong.
#include "cli/ConnectUrls.h"

#include <QTest>

using namespace msi;
using cli::ConnectUrls;

class TestConnectUrls : public QObject
{
    Q_OBJECT
private slots:
    void problems_data();
    void problems();
    void systemOfHost_data();
    void systemOfHost();
};

void TestConnectUrls::problems_data()
{
    QTest::addColumn<QString>("salesforce");
    QTest::addColumn<QString>("marketo");
    QTest::addColumn<QStringList>("expected"); // fragments, in order of the problems; empty = ok
    const QString sf = u"https://exampleco.my.salesforce.com"_qs;
    const QString mk = u"https://123-ABC-456.mktorest.com"_qs;
    QTest::newRow("both fine") << sf << mk << QStringList();
    QTest::newRow("sandbox on loopback") << u"http://127.0.0.1:4100"_qs
                                         << u"http://127.0.0.1:4200/rest"_qs << QStringList();
    QTest::newRow("unknown hosts are tried") << u"https://sf.example.org"_qs
                                             << u"https://mk.example.org"_qs << QStringList();
    QTest::newRow("swapped pair")
        << mk << sf
        << QStringList{u"--salesforce-url 'https://123-ABC-456.mktorest.com' is a Marketo host and "
                       "--marketo-url 'https://exampleco.my.salesforce.com' a Salesforce host: did "
                       "you swap --salesforce-url and --marketo-url?"_qs};
    QTest::newRow("Marketo host as Salesforce")
        << mk << mk
        << QStringList{u"--salesforce-url 'https://123-ABC-456.mktorest.com' is a Marketo host, "
                       "not Salesforce: did you swap"_qs};
    QTest::newRow("Salesforce host as Marketo")
        << sf << u"https://login.salesforce.com"_qs
        << QStringList{u"--marketo-url 'https://login.salesforce.com' is a Salesforce host, not "
                       "Marketo"_qs};
    QTest::newRow("Lightning host as Marketo")
        << sf << u"https://exampleco.lightning.force.com"_qs
        << QStringList{u"is a Salesforce host, not Marketo"_qs};
    QTest::newRow("no scheme") << u"login.salesforce.com"_qs << mk
                               << QStringList{u"--salesforce-url 'login.salesforce.com' is not a "
                                              "URL: it has no scheme; give the whole URL, e.g. "
                                              "https://login.salesforce.com"_qs};
    QTest::newRow("ftp") << sf << u"ftp://123-ABC-456.mktorest.com"_qs
                         << QStringList{u"--marketo-url 'ftp://123-ABC-456.mktorest.com' is not an "
                                        "http(s) URL (it uses ftp:)"_qs};
    QTest::newRow("mailto") << u"mailto:admin@example.com"_qs << mk
                            << QStringList{u"is not an http(s) URL (it uses mailto:)"_qs};
    QTest::newRow("no host") << u"https:///services"_qs << mk
                             << QStringList{u"--salesforce-url 'https:///services' has no host name"_qs};
    QTest::newRow("plain http off loopback")
        << u"http://exampleco.my.salesforce.com"_qs << mk
        << QStringList{u"--salesforce-url 'http://exampleco.my.salesforce.com' cannot be used"_qs};
    QTest::newRow("both missing") << QString() << QString()
                                  << QStringList{u"give --salesforce-url URL"_qs,
                                                 u"give --marketo-url URL"_qs};
    QTest::newRow("two problems") << u"ftp://x.example.org"_qs << u"mk.example.org"_qs
                                  << QStringList{u"--salesforce-url 'ftp://x.example.org'"_qs,
                                                 u"--marketo-url 'mk.example.org' is not a URL: it "
                                                 "has no scheme"_qs};
}

void TestConnectUrls::problems()
{
    QFETCH(QString, salesforce);
    QFETCH(QString, marketo);
    QFETCH(QStringList, expected);
    QUrl salesforceUrl;
    QUrl marketoUrl;
    const QStringList problems = ConnectUrls::problems(salesforce, marketo, &salesforceUrl,
                                                       &marketoUrl);
    QCOMPARE(problems.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i)
        QVERIFY2(problems.at(i).contains(expected.at(i)), qPrintable(problems.at(i)));
    if (expected.isEmpty()) {
        QCOMPARE(salesforceUrl, QUrl(salesforce));
        QCOMPARE(marketoUrl, QUrl(marketo));
    }
}

void TestConnectUrls::systemOfHost_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("system");
    const int sf = int(ConnectUrls::System::Salesforce);
    const int mk = int(ConnectUrls::System::Marketo);
    const int none = int(ConnectUrls::System::Unknown);
    QTest::newRow("login") << u"login.salesforce.com"_qs << sf;
    QTest::newRow("test") << u"test.salesforce.com"_qs << sf;
    QTest::newRow("My Domain sandbox") << u"exampleco--uat.sandbox.my.salesforce.com"_qs << sf;
    QTest::newRow("Lightning") << u"exampleco.lightning.force.com"_qs << sf;
    QTest::newRow("REST") << u"123-ABC-456.mktorest.com"_qs << mk;
    QTest::newRow("upper case") << u"123-ABC-456.MKTOREST.COM"_qs << mk;
    QTest::newRow("app") << u"app-sj01.marketo.com"_qs << mk;
    QTest::newRow("look-alike") << u"notsalesforce.com"_qs << none;
    QTest::newRow("loopback") << u"127.0.0.1"_qs << none;
}

void TestConnectUrls::systemOfHost()
{
    QFETCH(QString, host);
    QFETCH(int, system);
    QCOMPARE(int(ConnectUrls::systemOfHost(host)), system);
}

QTEST_GUILESS_MAIN(TestConnectUrls)
#include "tst_connecturls.moc"

