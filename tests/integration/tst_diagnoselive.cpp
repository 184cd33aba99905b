// `msi-bridge-cli diagnose --live` against the sandbox: the same JSON verdicts as the seed the
// sandbox serves (the bundled sample org), and exit 3 when the connection is refused.
#include "cli/CliApplication.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SandboxOptions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace msi;

namespace {

struct Result
{
    int code;
    QString out;
    QString err;
};

Result run(const QStringList &arguments)
{
    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    cli::CliApplication app;
    const int code = app.run(QStringList{u"msi-bridge-cli"_qs} + arguments, {outStream, errStream});
    outStream.flush();
    errStream.flush();
    return {code, out, err};
}

QStringList verdicts(const QString &json)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).object().value(u"links"_qs).toArray()) {
        const QJsonObject l = v.toObject();
        if (l.value(u"link"_qs).toString() == u"scores.access")
            continue; // the seed carries no describe
        out.append(l.value(u"link"_qs).toString() + u' ' + l.value(u"subject"_qs).toString() + u' '
                   + l.value(u"verdict"_qs).toString() + u' ' + l.value(u"problem"_qs).toString());
    }
    return out;
}

} // namespace

class TestDiagnoseLive : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void liveEqualsSeed_data();
    void liveEqualsSeed();
    void refusedConnectionExits3();

private:
    sandbox::Sandbox m_sandbox;
    QStringList liveArguments() const
    {
        return {u"--live"_qs, u"--salesforce-url"_qs, m_sandbox.salesforceUrl().toString(),
                u"--marketo-url"_qs, m_sandbox.marketoUrl().toString()};
    }
};

void TestDiagnoseLive::initTestCase()
{
    QString error;
    QVERIFY2(m_sandbox.start(sandbox::SandboxOptions{}, &error), qPrintable(error));
    qputenv("MSI_BRIDGE_SF_CLIENT_ID", sandbox::Sandbox::clientId().toUtf8());
    qputenv("MSI_BRIDGE_SF_CLIENT_SECRET", sandbox::Sandbox::clientSecret().toUtf8());
    qputenv("MSI_BRIDGE_MARKETO_CLIENT_ID", sandbox::Sandbox::clientId().toUtf8());
    qputenv("MSI_BRIDGE_MARKETO_CLIENT_SECRET", sandbox::Sandbox::clientSecret().toUtf8());
}

void TestDiagnoseLive::liveEqualsSeed_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("M-01/M-02 Arthur Song") << u"0037F000009XkPgQAK"_qs;
    QTest::newRow("M-04 Sean Forbes by e-mail") << u"sean@edge.com"_qs;
    QTest::newRow("M-10 Edge Communications") << u"Edge Communications"_qs;
}

void TestDiagnoseLive::liveEqualsSeed()
{
    QFETCH(QString, query);
    const Result live = run(QStringList{u"diagnose"_qs, query, u"--json"_qs} + liveArguments());
    QVERIFY2(live.code == 1, qPrintable(live.err));
    const Result seed = run({u"diagnose"_qs, query, u"--json"_qs});
    QCOMPARE(seed.code, 1);
    QCOMPARE(verdicts(live.out), verdicts(seed.out));
    QVERIFY(!verdicts(live.out).isEmpty());
}

void TestDiagnoseLive::refusedConnectionExits3()
{
    // A loopback port nothing listens on (the sandbox's own port, shifted past both servers).
    QUrl closed = m_sandbox.marketoUrl();
    closed.setPort(1);
    const Result r = run({u"diagnose"_qs, u"0037F000009XkPgQAK"_qs, u"--live"_qs,
                          u"--salesforce-url"_qs, closed.toString(), u"--marketo-url"_qs,
                          closed.toString()});
    QCOMPARE(r.code, 3);
    QVERIFY(r.err.contains(u"reading the live state failed"_qs));
}

QTEST_GUILESS_MAIN(TestDiagnoseLive)
#include "tst_diagnoselive.moc"
