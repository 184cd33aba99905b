// Contract tests of the emulated Salesforce org over loopback. Expected values come from
// ../shared/reference/salesforce-api.md (shapes, error codes) and the bundled sample org's
// MANIFEST.md (counts and named records).
#include "SandboxHttp.h"

#include "sandbox/Sandbox.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using msi::sandbox::Sandbox;
using msi::sandbox::SandboxOptions;

class TestSandboxSalesforce : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void versions();
    void clientCredentialsToken();
    void oauthErrors_data();
    void oauthErrors();
    void authorizationCodeWithPkce();
    void identity();
    void query_data();
    void query();
    void relationshipFieldsAreNested();
    void queryErrors_data();
    void queryErrors();
    void pagingFollowsNextRecordsUrl();
    void describe_data();
    void describe();
    void fieldLevelSecurityHidesMsiFields();
    void compositeUpdate();
    void compositeAllOrNoneRollsBack();
    void compositeOver200IsRejected();
    void compositeFaults();
    void limitsAndUsageHeader();
    void expiredTokenIsInvalidSession();
    void adminEditAdvancesSystemModstamp();

private:
    HttpResult query(const QString &soql, const QString &resource = u"query"_qs);
    Sandbox m_sandbox;
    SandboxHttp m_http;
    QByteArray m_token;
};

void TestSandboxSalesforce::initTestCase()
{
    QString error;
    QVERIFY2(m_sandbox.start(SandboxOptions{}, &error), qPrintable(error));
    m_token = m_http.salesforceToken(m_sandbox);
    QVERIFY(!m_token.isEmpty());
}

HttpResult TestSandboxSalesforce::query(const QString &soql, const QString &resource)
{
    return m_http.get(SandboxHttp::soql(m_sandbox, soql, resource), m_token);
}

void TestSandboxSalesforce::versions()
{
    const HttpResult r = m_http.get(SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/data/"_qs));
    QCOMPARE(r.status, 200);
    bool found = false;
    for (const QJsonValue &v : r.array()) {
        const QJsonObject o = v.toObject();
        QVERIFY(o.contains(u"label") && o.contains(u"url") && o.contains(u"version"));
        if (o.value(u"version").toString() == u"62.0") {
            found = true;
            QCOMPARE(o.value(u"url").toString(), u"/services/data/v62.0"_qs);
            QCOMPARE(o.value(u"label").toString(), u"Winter '25"_qs); // salesforce-api.md §2
        }
    }
    QVERIFY(found);
}

void TestSandboxSalesforce::clientCredentialsToken()
{
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_qs, u"client_credentials"_qs);
    form.addQueryItem(u"client_id"_qs, Sandbox::clientId());
    form.addQueryItem(u"client_secret"_qs, Sandbox::clientSecret());
    const HttpResult r = m_http.postForm(SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/oauth2/token"_qs), form);
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.object();
    // salesforce-api.md §1: token response fields; client credentials add token_format and api_instance_url.
    for (const char16_t *key : {u"access_token", u"signature", u"scope", u"instance_url", u"id", u"token_type",
                                u"issued_at", u"token_format", u"api_instance_url"})
        QVERIFY2(o.value(QString::fromUtf16(key)).isString(), qPrintable(QString::fromUtf16(key)));
    QVERIFY(!o.contains(u"refresh_token"));
    QVERIFY(!o.contains(u"expires_in"));
    QCOMPARE(o.value(u"token_type").toString(), u"Bearer"_qs);
    QCOMPARE(o.value(u"instance_url").toString(), m_sandbox.salesforceUrl().toString());
    QVERIFY(QRegularExpression(u"^\\d{13}$"_qs).match(o.value(u"issued_at").toString()).hasMatch());
    // id = identity URL /id/<OrgId>/<UserId>: the sample org and its integration user (MANIFEST).
    QCOMPARE(o.value(u"id").toString(),
             m_sandbox.salesforceUrl().toString() + u"/id/00D7F000000sNbqUAE/0057F00000DfR2xQAF"_qs);
    // signature = Base64 HMAC-SHA256(id + issued_at) keyed with the consumer secret.
    const QByteArray expected = QMessageAuthenticationCode::hash(
        (o.value(u"id").toString() + o.value(u"issued_at").toString()).toUtf8(), Sandbox::clientSecret().toUtf8(),
        QCryptographicHash::Sha256).toBase64();
    QCOMPARE(o.value(u"signature").toString().toLatin1(), expected);
}

void TestSandboxSalesforce::oauthErrors_data()
{
    QTest::addColumn<QString>("form");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::newRow("wrong secret") << u"grant_type=client_credentials&client_id=sandbox-client&client_secret=nope"_qs
                                  << 400 << u"invalid_client"_qs;
    QTest::newRow("unknown client") << u"grant_type=client_credentials&client_id=other&client_secret=sandbox-secret"_qs
                                    << 400 << u"invalid_client_id"_qs;
    QTest::newRow("unknown grant") << u"grant_type=password&client_id=sandbox-client"_qs << 400
                                   << u"unsupported_grant_type"_qs;
    QTest::newRow("bad code") << u"grant_type=authorization_code&client_id=sandbox-client&code=abc&redirect_uri=http://localhost:1410/"_qs
                              << 400 << u"invalid_grant"_qs;
    QTest::newRow("bad refresh token") << u"grant_type=refresh_token&client_id=sandbox-client&refresh_token=xyz"_qs
                                       << 400 << u"invalid_grant"_qs;
}

void TestSandboxSalesforce::oauthErrors()
{
    QFETCH(QString, form);
    QFETCH(int, status);
    QFETCH(QString, error);
    const HttpResult r = m_http.postForm(SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/oauth2/token"_qs),
                                         QUrlQuery(form));
    QCOMPARE(r.status, status);
    QCOMPARE(r.object().value(u"error").toString(), error);
    QVERIFY(r.object().value(u"error_description").isString());
}

void TestSandboxSalesforce::authorizationCodeWithPkce()
{
    const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-sandbox-test";
    const QString challenge = QString::fromLatin1(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                                                      .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const QString redirect = u"http://localhost:1410/callback"_qs;
    QUrlQuery params;
    params.addQueryItem(u"response_type"_qs, u"code"_qs);
    params.addQueryItem(u"client_id"_qs, Sandbox::clientId());
    params.addQueryItem(u"redirect_uri"_qs, redirect);
    params.addQueryItem(u"code_challenge"_qs, challenge);
    params.addQueryItem(u"code_challenge_method"_qs, u"S256"_qs);
    params.addQueryItem(u"scope"_qs, u"api refresh_token"_qs);
    params.addQueryItem(u"state"_qs, u"xyz-42"_qs);
    const QUrl authorize = SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/oauth2/authorize"_qs, params);

    // The approve page is plain HTML with a form that posts back the same parameters.
    const HttpResult page = m_http.get(authorize);
    QCOMPARE(page.status, 200);
    QVERIFY(page.body.contains("name=\"approve\""));

    QUrlQuery approve = params;
    approve.addQueryItem(u"approve"_qs, u"Allow"_qs);
    const HttpResult redirected = m_http.postForm(SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/oauth2/authorize"_qs), approve);
    QCOMPARE(redirected.status, 302);
    const QUrl location(QString::fromUtf8(redirected.header("Location")));
    QCOMPARE(location.adjusted(QUrl::RemoveQuery).toString(), redirect);
    const QUrlQuery back(location);
    QCOMPARE(back.queryItemValue(u"state"_qs), u"xyz-42"_qs);
    const QString code = back.queryItemValue(u"code"_qs, QUrl::FullyDecoded);
    QVERIFY(!code.isEmpty());

    auto exchange = [&](const QByteArray &codeVerifier) {
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_qs, u"authorization_code"_qs);
        form.addQueryItem(u"code"_qs, QString::fromLatin1(QUrl::toPercentEncoding(code)));
        form.addQueryItem(u"client_id"_qs, Sandbox::clientId());
        form.addQueryItem(u"redirect_uri"_qs, QString::fromLatin1(QUrl::toPercentEncoding(redirect)));
        form.addQueryItem(u"code_verifier"_qs, QString::fromLatin1(codeVerifier));
        return m_http.postForm(SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/oauth2/token"_qs), form);
    };
    const HttpResult wrong = exchange("not-the-verifier-not-the-verifier-not-the-verifier");
    QCOMPARE(wrong.status, 400);
    QCOMPARE(wrong.object().value(u"error").toString(), u"invalid_grant"_qs);

    // A failed exchange consumed the code, as a single-use code should be: get a fresh one.
    const HttpResult again = m_http.postForm(SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/oauth2/authorize"_qs), approve);
    const QString code2 = QUrlQuery(QUrl(QString::fromUtf8(again.header("Location")))).queryItemValue(u"code"_qs, QUrl::FullyDecoded);
    QVERIFY(!code2.isEmpty());
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_qs, u"authorization_code"_qs);
    form.addQueryItem(u"code"_qs, QString::fromLatin1(QUrl::toPercentEncoding(code2)));
    form.addQueryItem(u"client_id"_qs, Sandbox::clientId());
    form.addQueryItem(u"redirect_uri"_qs, QString::fromLatin1(QUrl::toPercentEncoding(redirect)));
    form.addQueryItem(u"code_verifier"_qs, QString::fromLatin1(verifier));
    const HttpResult ok = m_http.postForm(SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/oauth2/token"_qs), form);
    QCOMPARE(ok.status, 200);
    const QString refresh = ok.object().value(u"refresh_token").toString();
    QVERIFY(!refresh.isEmpty());
    QVERIFY(!ok.object().value(u"access_token").toString().isEmpty());
    // Reusing the code fails.
    const HttpResult reused = m_http.postForm(SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/oauth2/token"_qs), form);
    QCOMPARE(reused.object().value(u"error").toString(), u"invalid_grant"_qs);

    // Refresh: same shape, a new access token, no new refresh token (rotation off).
    QUrlQuery refreshForm;
    refreshForm.addQueryItem(u"grant_type"_qs, u"refresh_token"_qs);
    refreshForm.addQueryItem(u"refresh_token"_qs, QString::fromLatin1(QUrl::toPercentEncoding(refresh)));
    refreshForm.addQueryItem(u"client_id"_qs, Sandbox::clientId());
    const HttpResult refreshed = m_http.postForm(SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/oauth2/token"_qs), refreshForm);
    QCOMPARE(refreshed.status, 200);
    const QByteArray newToken = refreshed.object().value(u"access_token").toString().toLatin1();
    QVERIFY(!newToken.isEmpty());
    QVERIFY(!refreshed.object().contains(u"refresh_token"));
    QCOMPARE(m_http.get(SandboxHttp::soql(m_sandbox, u"SELECT Id FROM User"_qs), newToken).status, 200);

    // A redirect_uri that is not loopback is refused on the page itself.
    QUrlQuery bad = params;
    bad.removeAllQueryItems(u"redirect_uri"_qs);
    bad.addQueryItem(u"redirect_uri"_qs, u"https://evil.example/cb"_qs);
    QCOMPARE(m_http.get(SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/oauth2/authorize"_qs, bad)).status, 400);
}

void TestSandboxSalesforce::identity()
{
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_qs, u"client_credentials"_qs);
    form.addQueryItem(u"client_id"_qs, Sandbox::clientId());
    form.addQueryItem(u"client_secret"_qs, Sandbox::clientSecret());
    const QJsonObject token = m_http.postForm(SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/oauth2/token"_qs), form).object();
    const HttpResult r = m_http.get(QUrl(token.value(u"id").toString()), token.value(u"access_token").toString().toLatin1());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"user_id").toString(), u"0057F00000DfR2xQAF"_qs);
    QCOMPARE(r.object().value(u"organization_id").toString(), u"00D7F000000sNbqUAE"_qs);
    QCOMPARE(r.object().value(u"email").toString(), u"salesops@aurora-power.example"_qs);
}

void TestSandboxSalesforce::query_data()
{
    QTest::addColumn<QString>("soql");
    QTest::addColumn<int>("totalSize");
    // Counts from sample-org/MANIFEST.md.
    QTest::newRow("accounts") << u"SELECT Id, Name FROM Account"_qs << 12;
    QTest::newRow("contacts") << u"SELECT Id, Email, OwnerId, AccountId FROM Contact"_qs << 21;
    QTest::newRow("leads") << u"select id from lead"_qs << 22;
    QTest::newRow("opportunities") << u"SELECT Id FROM Opportunity"_qs << 32;
    QTest::newRow("roles") << u"SELECT Id, OpportunityId, ContactId, Role, IsPrimary FROM OpportunityContactRole"_qs << 35;
    QTest::newRow("users") << u"SELECT Id, Email FROM User"_qs << 5;
    QTest::newRow("organization") << u"SELECT Id, IsSandbox FROM Organization"_qs << 1;
    // "Leads with Status 'Closed - Converted' but IsConverted=false (Jack Rogers, Pat Stumuller, Andy Young)"
    QTest::newRow("converted-status") << u"SELECT Id FROM Lead WHERE Status = 'Closed - Converted' AND IsConverted = false"_qs << 3;
    // "The integration user 0057F00000DfR2xQAF owns Account sForce and the web-to-lead Leads Phyllis Cotton and Brenda Mcclure."
    QTest::newRow("owned by integration") << u"SELECT Id FROM Lead WHERE OwnerId = '0057F00000DfR2xQAF'"_qs << 2;
    QTest::newRow("15-char id") << u"SELECT Id FROM Account WHERE OwnerId = '0057F00000DfR2x'"_qs << 1;
    QTest::newRow("IN") << u"SELECT Id FROM Contact WHERE Id IN ('0037F000009XkPaQAK', '0037F000009XkpAQAS')"_qs << 2;
    // M-07: 0037F000009XkPa and 0037F000009XkpA differ only in case: an exact id finds one record.
    QTest::newRow("case-sensitive 15") << u"SELECT Id FROM Contact WHERE Id = '0037F000009XkPa'"_qs << 1;
    QTest::newRow("NOT IN") << u"SELECT Id FROM User WHERE Id NOT IN ('0057F00000DfR2xQAF')"_qs << 4;
    QTest::newRow("LIKE") << u"SELECT Id FROM Contact WHERE Email LIKE '%@expressl&t.net'"_qs << 2;
    QTest::newRow("OR in parentheses") << u"SELECT Id FROM Lead WHERE (OwnerId = '0057F00000DfR2xQAF' OR Status = 'Closed - Converted') AND IsConverted = false"_qs << 5;
    QTest::newRow("null") << u"SELECT Id FROM Account WHERE Industry = null"_qs << 1;
    QTest::newRow("apostrophe") << u"SELECT Id FROM Contact WHERE LastName = 'D\\'Cruz'"_qs << 1;
    QTest::newRow("limit") << u"SELECT Id FROM Contact ORDER BY LastName LIMIT 5"_qs << 5;
    QTest::newRow("datetime future") << u"SELECT Id FROM Contact WHERE SystemModstamp > 2030-01-01T00:00:00Z"_qs << 0;
    QTest::newRow("datetime offset") << u"SELECT Id FROM Contact WHERE SystemModstamp > 2000-01-01T00:00:00+01:00"_qs << 21;
    QTest::newRow("date") << u"SELECT Id FROM Opportunity WHERE CloseDate >= 2000-01-01"_qs << 32;
    QTest::newRow("count") << u"SELECT COUNT() FROM Lead"_qs << 22;
}

void TestSandboxSalesforce::query()
{
    QFETCH(QString, soql);
    QFETCH(int, totalSize);
    const HttpResult r = query(soql);
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.object();
    QCOMPARE(o.value(u"totalSize").toInt(), totalSize);
    QCOMPARE(o.value(u"done").toBool(), true);
    QVERIFY(o.value(u"records").isArray());
    if (soql.contains(u"COUNT()"))
        return;
    QCOMPARE(o.value(u"records").toArray().size(), totalSize);
    for (const QJsonValue &v : o.value(u"records").toArray()) {
        const QJsonObject rec = v.toObject();
        const QJsonObject attributes = rec.value(u"attributes").toObject();
        QVERIFY(!attributes.value(u"type").toString().isEmpty());
        QVERIFY(attributes.value(u"url").toString().startsWith(u"/services/data/v62.0/sobjects/"));
        QCOMPARE(rec.value(u"Id").toString().size(), 18);
    }
}

void TestSandboxSalesforce::relationshipFieldsAreNested()
{
    const HttpResult r = query(u"SELECT Id, Owner.Name, Account.Name FROM Contact WHERE Id = '0037F000009XkPUQA0'"_qs);
    QCOMPARE(r.status, 200);
    const QJsonObject rec = r.object().value(u"records").toArray().first().toObject();
    // MANIFEST: Rose Gonzalez at Edge Communications, owned by María José Álvarez.
    QCOMPARE(rec.value(u"Owner").toObject().value(u"Name").toString(), u"María José Álvarez"_qs);
    QCOMPARE(rec.value(u"Owner").toObject().value(u"attributes").toObject().value(u"type").toString(), u"User"_qs);
    QCOMPARE(rec.value(u"Account").toObject().value(u"Name").toString(), u"Edge Communications"_qs);
    // A null lookup comes back as JSON null: Leads have no AccountId field; Contacts all have accounts,
    // so check a role's Contact.Account-less path via Opportunity.Account instead.
    const HttpResult nullLookup = query(u"SELECT Id, Account.Name FROM Opportunity WHERE AccountId = null"_qs);
    QCOMPARE(nullLookup.status, 200);
}

void TestSandboxSalesforce::queryErrors_data()
{
    QTest::addColumn<QString>("soql");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("mention");
    QTest::newRow("no fields") << u"SELECT FROM Lead"_qs << u"MALFORMED_QUERY"_qs << u"unexpected token"_qs;
    QTest::newRow("unknown field") << u"SELECT Id, Foo__c FROM Lead"_qs << u"INVALID_FIELD"_qs
                                   << u"No such column 'Foo__c' on entity 'Lead'"_qs;
    QTest::newRow("unknown object") << u"SELECT Id FROM Widget__c"_qs << u"INVALID_TYPE"_qs
                                    << u"sObject type 'Widget__c' is not supported"_qs;
    QTest::newRow("quoted datetime") << u"SELECT Id FROM Lead WHERE SystemModstamp > '2024-01-01T00:00:00Z'"_qs
                                     << u"INVALID_FIELD"_qs << u"must be of type dateTime"_qs;
    QTest::newRow("AND/OR mixed") << u"SELECT Id FROM Lead WHERE IsConverted = false AND Status = 'x' OR Status = 'y'"_qs
                                  << u"MALFORMED_QUERY"_qs << u"unexpected token: 'OR'"_qs;
    QTest::newRow("unclosed string") << u"SELECT Id FROM Lead WHERE Email = 'x"_qs << u"MALFORMED_QUERY"_qs << u"'"_qs;
    QTest::newRow("trailing garbage") << u"SELECT Id FROM Lead LIMIT 5 banana"_qs << u"MALFORMED_QUERY"_qs
                                      << u"banana"_qs;
}

void TestSandboxSalesforce::queryErrors()
{
    QFETCH(QString, soql);
    QFETCH(QString, errorCode);
    QFETCH(QString, mention);
    const HttpResult r = query(soql);
    QCOMPARE(r.status, 400);
    // salesforce-api.md §6: REST errors are a JSON array of {message, errorCode}.
    const QJsonObject e = r.array().first().toObject();
    QCOMPARE(e.value(u"errorCode").toString(), errorCode);
    QVERIFY2(e.value(u"message").toString().contains(mention), qPrintable(e.value(u"message").toString()));
}

void TestSandboxSalesforce::pagingFollowsNextRecordsUrl()
{
    Sandbox small;
    SandboxOptions options;
    options.salesforcePageSize = 5;
    QVERIFY(small.start(options));
    SandboxHttp http;
    const QByteArray token = http.salesforceToken(small);
    HttpResult r = http.get(SandboxHttp::soql(small, u"SELECT Id, Email FROM Contact ORDER BY Id"_qs), token);
    QSet<QString> ids;
    QList<int> pageSizes;
    for (int guard = 0; guard < 20; ++guard) {
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.object();
        QCOMPARE(o.value(u"totalSize").toInt(), 21); // C18: totalSize is the total, not the page
        const QJsonArray records = o.value(u"records").toArray();
        pageSizes.append(int(records.size()));
        for (const QJsonValue &v : records)
            ids.insert(v.toObject().value(u"Id").toString());
        if (o.value(u"done").toBool()) {
            QVERIFY(!o.contains(u"nextRecordsUrl"));
            break;
        }
        const QString next = o.value(u"nextRecordsUrl").toString();
        QVERIFY2(QRegularExpression(u"^/services/data/v62\\.0/query/[0-9A-Za-z]+-\\d+$"_qs).match(next).hasMatch(),
                 qPrintable(next));
        r = http.get(SandboxHttp::url(small.salesforceUrl(), next), token);
    }
    QCOMPARE(pageSizes, (QList<int>{5, 5, 5, 5, 1}));
    QCOMPARE(ids.size(), 21);
    // A locator that does not exist is refused in Salesforce's shape.
    const HttpResult bad = http.get(SandboxHttp::url(small.salesforceUrl(), u"/services/data/v62.0/query/01gNOPE-5"_qs), token);
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.array().first().toObject().value(u"errorCode").toString(), u"INVALID_QUERY_LOCATOR"_qs);
}

void TestSandboxSalesforce::describe_data()
{
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("keyPrefix");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("updateable");
    QTest::addColumn<bool>("calculated");
    // salesforce-api.md §7 prefixes and §8 real-org MSI field types.
    QTest::newRow("Lead priority") << u"Lead"_qs << u"00Q"_qs << u"mkto_si__Priority__c"_qs << u"double"_qs << true << false;
    QTest::newRow("Contact urgency value") << u"Contact"_qs << u"003"_qs << u"mkto_si__Urgency_Value__c"_qs << u"double"_qs << true << false;
    QTest::newRow("Contact relative score") << u"Contact"_qs << u"003"_qs << u"mkto_si__Relative_Score_Value__c"_qs << u"double"_qs << true << false;
    QTest::newRow("Lead moment type") << u"Lead"_qs << u"00Q"_qs << u"mkto_si__Last_Interesting_Moment_Type__c"_qs << u"string"_qs << true << false;
    QTest::newRow("Lead moment desc") << u"Lead"_qs << u"00Q"_qs << u"mkto_si__Last_Interesting_Moment_Desc__c"_qs << u"textarea"_qs << true << false;
    QTest::newRow("Contact moment date") << u"Contact"_qs << u"003"_qs << u"mkto_si__Last_Interesting_Moment_Date__c"_qs << u"datetime"_qs << true << false;
    QTest::newRow("Lead urgency formula") << u"Lead"_qs << u"00Q"_qs << u"mkto_si__Urgency__c"_qs << u"string"_qs << false << true;
    QTest::newRow("Account owner") << u"Account"_qs << u"001"_qs << u"OwnerId"_qs << u"reference"_qs << true << false;
    QTest::newRow("User email") << u"User"_qs << u"005"_qs << u"Email"_qs << u"email"_qs << true << false;
    QTest::newRow("Opportunity amount") << u"Opportunity"_qs << u"006"_qs << u"Amount"_qs << u"currency"_qs << true << false;
    QTest::newRow("OCR role") << u"OpportunityContactRole"_qs << u"00K"_qs << u"Role"_qs << u"picklist"_qs << true << false;
    QTest::newRow("Id") << u"Contact"_qs << u"003"_qs << u"Id"_qs << u"id"_qs << false << false;
}

void TestSandboxSalesforce::describe()
{
    QFETCH(QString, object);
    QFETCH(QString, keyPrefix);
    QFETCH(QString, field);
    QFETCH(QString, type);
    QFETCH(bool, updateable);
    QFETCH(bool, calculated);
    const HttpResult r = m_http.get(SandboxHttp::url(m_sandbox.salesforceUrl(),
                                                     u"/services/data/v62.0/sobjects/"_qs + object + u"/describe"_qs),
                                    m_token);
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.object();
    QCOMPARE(o.value(u"name").toString(), object);
    QCOMPARE(o.value(u"keyPrefix").toString(), keyPrefix);
    for (const char16_t *key : {u"label", u"labelPlural", u"custom", u"createable", u"updateable", u"queryable",
                                u"fields", u"childRelationships", u"recordTypeInfos", u"urls"})
        QVERIFY2(o.contains(QString::fromUtf16(key)), qPrintable(QString::fromUtf16(key)));
    QJsonObject found;
    for (const QJsonValue &v : o.value(u"fields").toArray()) {
        if (v.toObject().value(u"name").toString() == field)
            found = v.toObject();
    }
    QVERIFY2(!found.isEmpty(), qPrintable(field));
    QCOMPARE(found.value(u"type").toString(), type);
    QCOMPARE(found.value(u"updateable").toBool(), updateable);
    QCOMPARE(found.value(u"calculated").toBool(), calculated);
    for (const char16_t *key : {u"label", u"length", u"createable", u"nillable", u"custom", u"picklistValues",
                                u"referenceTo", u"relationshipName"})
        QVERIFY2(found.contains(QString::fromUtf16(key)), qPrintable(QString::fromUtf16(key)));
}

void TestSandboxSalesforce::fieldLevelSecurityHidesMsiFields()
{
    // Field case C21: the integration user cannot see mkto_si__ fields.
    Sandbox hidden;
    SandboxOptions options;
    options.msiFieldsVisible = false;
    QVERIFY(hidden.start(options));
    SandboxHttp http;
    const QByteArray token = http.salesforceToken(hidden);
    const HttpResult describe = http.get(SandboxHttp::url(hidden.salesforceUrl(), u"/services/data/v62.0/sobjects/Contact/describe"_qs), token);
    for (const QJsonValue &v : describe.object().value(u"fields").toArray())
        QVERIFY(!v.toObject().value(u"name").toString().startsWith(u"mkto_si__"));
    const HttpResult q = http.get(SandboxHttp::soql(hidden, u"SELECT Id,mkto_si__Last_Interesting_Moment_Date__c FROM Contact LIMIT 1"_qs), token);
    QCOMPARE(q.status, 400);
    const QJsonObject e = q.array().first().toObject();
    QCOMPARE(e.value(u"errorCode").toString(), u"INVALID_FIELD"_qs);
    QVERIFY(e.value(u"message").toString().contains(u"No such column 'mkto_si__Last_Interesting_Moment_Date__c' on entity 'Contact'"));
}

void TestSandboxSalesforce::compositeUpdate()
{
    const QJsonObject before = m_sandbox.salesforceRecord(u"00Q7F000006QwAbUAK"_qs);
    const QJsonObject body{
        {u"allOrNone"_qs, false},
        {u"records"_qs, QJsonArray{
            QJsonObject{{u"attributes"_qs, QJsonObject{{u"type"_qs, u"Lead"_qs}}}, {u"id"_qs, u"00Q7F000006QwAbUAK"_qs},
                        {u"mkto_si__Priority__c"_qs, 87}, {u"mkto_si__Urgency_Value__c"_qs, 3},
                        {u"mkto_si__Relative_Score_Value__c"_qs, 2},
                        {u"mkto_si__Last_Interesting_Moment_Date__c"_qs, u"2025-03-01T10:00:00.000Z"_qs}},
            QJsonObject{{u"attributes"_qs, QJsonObject{{u"type"_qs, u"Contact"_qs}}}, {u"id"_qs, u"0037F000009XkPVQA0"_qs},
                        {u"mkto_si__Priority__c"_qs, 0}},
            QJsonObject{{u"attributes"_qs, QJsonObject{{u"type"_qs, u"Contact"_qs}}}, {u"id"_qs, u"0037F000009XkP"_qs},
                        {u"mkto_si__Priority__c"_qs, 5}},
            QJsonObject{{u"attributes"_qs, QJsonObject{{u"type"_qs, u"Contact"_qs}}}, {u"id"_qs, u"0037F000009XkPUQA0"_qs},
                        {u"mkto_si__Urgency__c"_qs, u"x"_qs}},
            QJsonObject{{u"attributes"_qs, QJsonObject{{u"type"_qs, u"Contact"_qs}}}, {u"id"_qs, u"0037F000009XkPWQA0"_qs},
                        {u"mkto_si__Last_Interesting_Moment_Type__c"_qs, QString(101, u'x')}},
        }}};
    const HttpResult r = m_http.sendJson("PATCH", SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/data/v62.0/composite/sobjects"_qs),
                                         QJsonDocument(body), m_token);
    QCOMPARE(r.status, 200);
    const QJsonArray results = r.array();
    QCOMPARE(results.size(), 5); // one entry per record, in request order
    QCOMPARE(results.at(0).toObject().value(u"id").toString(), u"00Q7F000006QwAbUAK"_qs);
    QCOMPARE(results.at(0).toObject().value(u"success").toBool(), true);
    QCOMPARE(results.at(0).toObject().value(u"errors").toArray().size(), 0);
    QCOMPARE(results.at(1).toObject().value(u"success").toBool(), true);
    auto statusCode = [&](int i) {
        return results.at(i).toObject().value(u"errors").toArray().first().toObject().value(u"statusCode").toString();
    };
    QCOMPARE(results.at(2).toObject().value(u"success").toBool(), false);
    QCOMPARE(statusCode(2), u"MALFORMED_ID"_qs);
    QCOMPARE(statusCode(3), u"INVALID_FIELD_FOR_INSERT_UPDATE"_qs); // formula field
    QCOMPARE(statusCode(4), u"STRING_TOO_LONG"_qs);                 // string(100)
    // The write landed, 0 stays 0 (M-04), and SystemModstamp moved forward.
    const QJsonObject after = m_sandbox.salesforceRecord(u"00Q7F000006QwAbUAK"_qs);
    QCOMPARE(after.value(u"mkto_si__Priority__c").toDouble(), 87.0);
    QCOMPARE(after.value(u"mkto_si__Last_Interesting_Moment_Date__c").toString(), u"2025-03-01T10:00:00.000+0000"_qs);
    QVERIFY(after.value(u"SystemModstamp").toString() > before.value(u"SystemModstamp").toString());
    const QJsonValue zero = m_sandbox.salesforceRecord(u"0037F000009XkPVQA0"_qs).value(u"mkto_si__Priority__c");
    QVERIFY(zero.isDouble());
    QCOMPARE(zero.toDouble(), 0.0);
}

void TestSandboxSalesforce::compositeAllOrNoneRollsBack()
{
    const QJsonObject before = m_sandbox.salesforceRecord(u"0037F000009XkPXQA0"_qs);
    const QJsonObject body{
        {u"allOrNone"_qs, true},
        {u"records"_qs, QJsonArray{
            QJsonObject{{u"attributes"_qs, QJsonObject{{u"type"_qs, u"Contact"_qs}}}, {u"id"_qs, u"0037F000009XkPXQA0"_qs},
                        {u"mkto_si__Priority__c"_qs, 42}},
            QJsonObject{{u"attributes"_qs, QJsonObject{{u"type"_qs, u"Contact"_qs}}}, {u"id"_qs, u"0037F000009XkPYQA0"_qs},
                        {u"NoSuchField__c"_qs, 1}},
        }}};
    const HttpResult r = m_http.sendJson("PATCH", SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/data/v62.0/composite/sobjects"_qs),
                                         QJsonDocument(body), m_token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.array().at(0).toObject().value(u"errors").toArray().first().toObject().value(u"statusCode").toString(),
             u"ALL_OR_NONE_OPERATION_ROLLED_BACK"_qs);
    QCOMPARE(r.array().at(1).toObject().value(u"errors").toArray().first().toObject().value(u"statusCode").toString(),
             u"INVALID_FIELD"_qs);
    QCOMPARE(m_sandbox.salesforceRecord(u"0037F000009XkPXQA0"_qs), before);
}

void TestSandboxSalesforce::compositeOver200IsRejected()
{
    // Field case C14: 250 records -> HTTP 400 EXCEEDED_ID_LIMIT.
    QJsonArray records;
    for (int i = 0; i < 250; ++i)
        records.append(QJsonObject{{u"attributes"_qs, QJsonObject{{u"type"_qs, u"Contact"_qs}}},
                                   {u"id"_qs, u"0037F000009XkPUQA0"_qs}, {u"mkto_si__Priority__c"_qs, i}});
    const HttpResult r = m_http.sendJson("PATCH", SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/data/v62.0/composite/sobjects"_qs),
                                         QJsonDocument(QJsonObject{{u"records"_qs, records}}), m_token);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.array().first().toObject().value(u"errorCode").toString(), u"EXCEEDED_ID_LIMIT"_qs);
    QVERIFY(r.array().first().toObject().value(u"message").toString().contains(u"cannot submit more than 200 records"));
}

void TestSandboxSalesforce::compositeFaults()
{
    // Field cases C13/C20: validation rule and row lock reported per record, others succeed.
    QVERIFY(m_sandbox.setFaults(u"sf:validation~0037F000009XkPb,sf:lock~0037F000009XkPc"_qs, 7));
    const QJsonObject body{
        {u"records"_qs, QJsonArray{
            QJsonObject{{u"attributes"_qs, QJsonObject{{u"type"_qs, u"Contact"_qs}}}, {u"id"_qs, u"0037F000009XkPaQAK"_qs},
                        {u"mkto_si__Priority__c"_qs, 1}},
            QJsonObject{{u"attributes"_qs, QJsonObject{{u"type"_qs, u"Contact"_qs}}}, {u"id"_qs, u"0037F000009XkPbQAK"_qs},
                        {u"mkto_si__Priority__c"_qs, 2}},
            QJsonObject{{u"attributes"_qs, QJsonObject{{u"type"_qs, u"Contact"_qs}}}, {u"id"_qs, u"0037F000009XkPcQAK"_qs},
                        {u"mkto_si__Priority__c"_qs, 3}},
        }}};
    const HttpResult r = m_http.sendJson("PATCH", SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/data/v62.0/composite/sobjects"_qs),
                                         QJsonDocument(body), m_token);
    QVERIFY(m_sandbox.setFaults(QString(), 1));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.array().at(0).toObject().value(u"success").toBool(), true);
    QCOMPARE(r.array().at(1).toObject().value(u"errors").toArray().first().toObject().value(u"statusCode").toString(),
             u"FIELD_CUSTOM_VALIDATION_EXCEPTION"_qs);
    QCOMPARE(r.array().at(1).toObject().value(u"id").toString(), u"0037F000009XkPbQAK"_qs);
    QCOMPARE(r.array().at(2).toObject().value(u"errors").toArray().first().toObject().value(u"statusCode").toString(),
             u"UNABLE_TO_LOCK_ROW"_qs);
}

void TestSandboxSalesforce::limitsAndUsageHeader()
{
    const HttpResult r = m_http.get(SandboxHttp::url(m_sandbox.salesforceUrl(), u"/services/data/v62.0/limits"_qs), m_token);
    QCOMPARE(r.status, 200);
    const QJsonObject daily = r.object().value(u"DailyApiRequests").toObject();
    QCOMPARE(daily.value(u"Max").toInt(), 15000); // Developer Edition allocation (salesforce-api.md §6)
    QVERIFY(daily.value(u"Remaining").toInt() < 15000);
    const QRegularExpressionMatch m = QRegularExpression(u"^api-usage=(\\d+)/15000$"_qs).match(QString::fromLatin1(r.header("Sforce-Limit-Info")));
    QVERIFY2(m.hasMatch(), r.header("Sforce-Limit-Info").constData());
    const int used = m.captured(1).toInt();
    const HttpResult next = query(u"SELECT Id FROM User"_qs);
    QCOMPARE(next.header("Sforce-Limit-Info"), QByteArray("api-usage=") + QByteArray::number(used + 1) + "/15000");
}

void TestSandboxSalesforce::expiredTokenIsInvalidSession()
{
    Sandbox shortLived;
    SandboxOptions options;
    options.tokenTtlSeconds = 60;
    QVERIFY(shortLived.start(options));
    SandboxHttp http;
    const QByteArray token = http.salesforceToken(shortLived);
    QCOMPARE(http.get(SandboxHttp::soql(shortLived, u"SELECT Id FROM User"_qs), token).status, 200);
    shortLived.advanceClock(61);
    const HttpResult r = http.get(SandboxHttp::soql(shortLived, u"SELECT Id FROM User"_qs), token);
    QCOMPARE(r.status, 401);
    const QJsonObject e = r.array().first().toObject();
    QCOMPARE(e.value(u"errorCode").toString(), u"INVALID_SESSION_ID"_qs);
    QCOMPARE(e.value(u"message").toString(), u"Session expired or invalid"_qs);
    QCOMPARE(http.get(SandboxHttp::soql(shortLived, u"SELECT Id FROM User"_qs), "garbage").status, 401);
    const QByteArray fresh = http.salesforceToken(shortLived);
    QCOMPARE(http.get(SandboxHttp::soql(shortLived, u"SELECT Id FROM User"_qs), fresh).status, 200);
}

void TestSandboxSalesforce::adminEditAdvancesSystemModstamp()
{
    const HttpResult before = query(u"SELECT Id, SystemModstamp FROM Contact ORDER BY SystemModstamp DESC LIMIT 1"_qs);
    const QString newest = before.object().value(u"records").toArray().first().toObject().value(u"SystemModstamp").toString();
    QVERIFY(!newest.isEmpty());
    // Over HTTP, as other processes would do it.
    const HttpResult edit = m_http.sendJson("POST", SandboxHttp::url(m_sandbox.salesforceUrl(), u"/sandbox/admin/salesforce/records/0037F000009XkPfQAK"_qs),
                                            QJsonDocument(QJsonObject{{u"fields"_qs, QJsonObject{{u"Title"_qs, u"Dean of Facilities"_qs}}}}));
    QCOMPARE(edit.status, 200);
    // Salesforce dateTime literal from the stored form: 2024-05-28T08:15:03.000+0000 -> ...+00:00.
    QString literal = newest;
    literal.insert(literal.size() - 2, u':');
    const HttpResult changed = query(u"SELECT Id, Title FROM Contact WHERE SystemModstamp > "_qs + literal);
    QCOMPARE(changed.status, 200);
    const QJsonArray records = changed.object().value(u"records").toArray();
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().toObject().value(u"Id").toString(), u"0037F000009XkPfQAK"_qs);
    QCOMPARE(records.first().toObject().value(u"Title").toString(), u"Dean of Facilities"_qs);
}

QTEST_GUILESS_MAIN(TestSandboxSalesforce)
#include "tst_sandbox_salesforce.moc"
