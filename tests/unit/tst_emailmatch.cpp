#include "core/EmailMatch.h"

#include <QTest>

using msi::core::EmailMatch;
using Verdict = EmailMatch::Verdict;
using Severity = EmailMatch::Severity;

class TestEmailMatch : public QObject
{
    Q_OBJECT
private slots:
    void compare_data();
    void compare();
    void validity_data();
    void validity();
    void unicodeSurvives();
};

void TestEmailMatch::compare_data()
{
    QTest::addColumn<QString>("marketo");
    QTest::addColumn<QString>("salesforce");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<QString>("mustMention"); // the message names the cause's values

    QTest::newRow("identical") << u"maria.alvarez@aurora-power.example"_qs
                               << u"maria.alvarez@aurora-power.example"_qs << Verdict::Identical
                               << Severity::Ok << u"maria.alvarez@aurora-power.example"_qs;
    // Sample org M-01: the pilot created Daniel Okafor's sales person with an old alias.
    QTest::newRow("M-01 old alias") << u"dokafor@aurora-power.example"_qs
                                    << u"daniel.okafor@aurora-power.example"_qs
                                    << Verdict::Different << Severity::Error
                                    << u"Marketo dokafor@aurora-power.example, Salesforce daniel.okafor@aurora-power.example"_qs;
    // field-cases.md C02: rep1 differs (error); rep2 differs by case and whitespace (warning).
    QTest::newRow("C02 rep1") << u"rep1@old-example.com"_qs << u"rep1@example.com"_qs
                              << Verdict::Different << Severity::Error << u"rep1@old-example.com"_qs;
    QTest::newRow("C02 rep2") << u" Rep2@Example.com"_qs << u"rep2@example.com"_qs
                              << Verdict::CaseOrWhitespace << Severity::Warning
                              << u" Rep2@Example.com"_qs;
    // Sample org M-04: capitals and a trailing space.
    QTest::newRow("M-04 case and space") << u"Sean@Edge.COM "_qs << u"sean@edge.com"_qs
                                         << Verdict::CaseOrWhitespace << Severity::Warning
                                         << u"Sean@Edge.COM "_qs;
    QTest::newRow("only whitespace") << u"sean@edge.com\t"_qs << u"sean@edge.com"_qs
                                     << Verdict::CaseOrWhitespace << Severity::Warning
                                     << u"sean@edge.com"_qs;
    QTest::newRow("missing in Marketo") << QString() << u"kenji.sato@aurora-power.example"_qs
                                        << Verdict::MissingInMarketo << Severity::Error
                                        << u"kenji.sato@aurora-power.example"_qs;
    QTest::newRow("blank in Marketo") << u"   "_qs << u"kenji.sato@aurora-power.example"_qs
                                      << Verdict::MissingInMarketo << Severity::Error
                                      << u"kenji.sato@aurora-power.example"_qs;
    QTest::newRow("missing in Salesforce") << u"kenji.sato@aurora-power.example"_qs << QString()
                                           << Verdict::MissingInSalesforce << Severity::Error
                                           << u"kenji.sato@aurora-power.example"_qs;
    // Sample org M-08: '&' in the domain (public DE sample value).
    QTest::newRow("M-08 invalid in Salesforce") << u"b.levy@expressl&t.net"_qs
                                                << u"b.levy@expressl&t.net"_qs
                                                << Verdict::InvalidSalesforce << Severity::Error
                                                << u"b.levy@expressl&t.net"_qs;
    QTest::newRow("invalid in Marketo") << u"salesops(at)aurora-power.example"_qs
                                        << u"salesops@aurora-power.example"_qs
                                        << Verdict::InvalidMarketo << Severity::Error
                                        << u"salesops(at)aurora-power.example"_qs;
    QTest::newRow("accents identical") << u"chloé.lefèvre@pyramid.example"_qs
                                       << u"chloé.lefèvre@pyramid.example"_qs
                                       << Verdict::Identical << Severity::Ok
                                       << u"chloé.lefèvre@pyramid.example"_qs;
    QTest::newRow("accents differ in case") << u"ZOË@MÜLLER.EXAMPLE"_qs
                                            << u"zoë@müller.example"_qs
                                            << Verdict::CaseOrWhitespace << Severity::Warning
                                            << u"ZOË@MÜLLER.EXAMPLE"_qs;
    // "ë" precomposed (U+00EB) in Salesforce, decomposed (e + U+0308) in Marketo.
    QTest::newRow("normal forms") << u"zoe\u0308@mu\u0308ller.example"_qs
                                  << u"zo\u00eb@m\u00fcller.example"_qs
                                  << Verdict::UnicodeNormalization << Severity::Warning
                                  << u"zo\u00eb@m\u00fcller.example"_qs;
    QTest::newRow("accent missing is a different address")
        << u"zoe@muller.example"_qs << u"zoë@müller.example"_qs << Verdict::Different
        << Severity::Error << u"zoë@müller.example"_qs;
}

void TestEmailMatch::compare()
{
    QFETCH(QString, marketo);
    QFETCH(QString, salesforce);
    QFETCH(Verdict, verdict);
    QFETCH(Severity, severity);
    QFETCH(QString, mustMention);
    const EmailMatch match = EmailMatch::compare(marketo, salesforce);
    QCOMPARE(match.verdict(), verdict);
    QCOMPARE(match.severity(), severity);
    QVERIFY2(match.message().contains(mustMention), qPrintable(match.message()));
    QVERIFY(!EmailMatch::verdictName(verdict).isEmpty());
}

void TestEmailMatch::validity_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << u"jrogers@burlington.com"_qs << true;
    QTest::newRow("apostrophe in local part") << u"liz.d'cruz@uog.com"_qs << true;
    QTest::newRow("plus tag") << u"sales+msi@aurora-power.example"_qs << true;
    QTest::newRow("Unicode local part (RFC 6531)") << u"văn.an@uog.example"_qs << true;
    QTest::newRow("IDN domain") << u"info@müller.example"_qs << true;
    QTest::newRow("surrounding space ignored") << u" sean@edge.com "_qs << true;
    QTest::newRow("ampersand in domain") << u"b.levy@expressl&t.net"_qs << false;
    QTest::newRow("no at") << u"sean.edge.com"_qs << false;
    QTest::newRow("two ats") << u"a@b@edge.com"_qs << false;
    QTest::newRow("no domain dot") << u"sean@localhost"_qs << false;
    QTest::newRow("empty local") << u"@edge.com"_qs << false;
    QTest::newRow("empty domain") << u"sean@"_qs << false;
    QTest::newRow("double dot") << u"sean..forbes@edge.com"_qs << false;
    QTest::newRow("leading dot") << u".sean@edge.com"_qs << false;
    QTest::newRow("space inside") << u"sean forbes@edge.com"_qs << false;
    QTest::newRow("hyphen label edge") << u"sean@-edge.com"_qs << false;
    QTest::newRow("numeric tld") << u"sean@10.0.0.1"_qs << false;
    QTest::newRow("empty label") << u"sean@edge..com"_qs << false;
}

void TestEmailMatch::validity()
{
    QFETCH(QString, address);
    QFETCH(bool, valid);
    QCOMPARE(EmailMatch::isValidAddress(address), valid);
}

void TestEmailMatch::unicodeSurvives()
{
    const QString marketo = u"Văn.An.Nguyễn@UOG.example"_qs;
    const QString salesforce = u"văn.an.nguyễn@uog.example"_qs;
    const EmailMatch match = EmailMatch::compare(marketo, salesforce);
    QCOMPARE(match.marketoEmail(), marketo);
    QCOMPARE(match.salesforceEmail(), salesforce);
    QVERIFY(match.message().contains(marketo));
    QVERIFY(match.message().contains(salesforce));
}

QTEST_GUILESS_MAIN(TestEmailMatch)
#include "tst_emailmatch.moc"
