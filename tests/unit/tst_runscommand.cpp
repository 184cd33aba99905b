// `msi-bridge-cli runs`: a stored run's status is named with the keys of `sync --json`
// (RunResult::statusKey), derived from the journal status and the outcome counts for runs
// journaled before the engine kept the key; stages are listed in stage order.
#include "cli/RunsCommand.h"
#include "store/RunRepository.h"

#include <QJsonObject>
#include <QTest>

using namespace msi;

class TestRunsCommand : public QObject
{
    Q_OBJECT
private slots:
    void statusKey_data();
    void statusKey();
    void stageOrder();
};

void TestRunsCommand::statusKey_data()
{
    QTest::addColumn<store::RunStatus>("status");
    QTest::addColumn<QJsonObject>("counts");
    QTest::addColumn<QString>("result");
    QTest::addColumn<QString>("expected");
    const QJsonObject clean{{u"leads"_qs, QJsonObject{{u"created"_qs, 3}, {u"unchanged"_qs, 2}}}};
    const auto with = [](const char *outcome) {
        return QJsonObject{{u"sales-persons"_qs, QJsonObject{{u"created"_qs, 3}}},
                           {u"leads"_qs, QJsonObject{{u"created"_qs, 31},
                                                     {QString::fromLatin1(outcome), 1}}}};
    };
    using S = store::RunStatus;
    QTest::newRow("kept key wins") << S::Succeeded << clean << u"findings"_qs << u"findings"_qs;
    QTest::newRow("kept key, dry run without outcomes")
        << S::Succeeded << QJsonObject() << u"findings"_qs << u"findings"_qs;
    QTest::newRow("old: all synced") << S::Succeeded << clean << QString() << u"succeeded"_qs;
    QTest::newRow("old: blocked") << S::Succeeded << with("blocked") << QString() << u"findings"_qs;
    QTest::newRow("old: failed") << S::Succeeded << with("failed") << QString() << u"findings"_qs;
    QTest::newRow("old: skipped") << S::Succeeded << with("skipped") << QString() << u"findings"_qs;
    QTest::newRow("old: deferred") << S::Succeeded << with("deferred") << QString() << u"findings"_qs;
    QTest::newRow("old: failed run") << S::Failed << QJsonObject() << QString() << u"connection"_qs;
    QTest::newRow("old: 607") << S::QuotaExhausted << clean << QString() << u"quota"_qs;
    QTest::newRow("old: cancelled") << S::Cancelled << clean << QString() << u"cancelled"_qs;
    QTest::newRow("killed") << S::Interrupted << clean << QString() << u"interrupted"_qs;
    QTest::newRow("running") << S::Running << QJsonObject() << QString() << u"running"_qs;
}

void TestRunsCommand::statusKey()
{
    QFETCH(store::RunStatus, status);
    QFETCH(QJsonObject, counts);
    QFETCH(QString, result);
    QFETCH(QString, expected);
    store::RunInfo run;
    run.status = status;
    run.stageCounts = counts;
    run.result = result;
    QCOMPARE(cli::RunsCommand::statusKey(run), expected);
}

void TestRunsCommand::stageOrder()
{
    // QJsonObject sorts its keys; the stages must come out in Marketo's order.
    const QJsonObject counts{{u"opportunity-roles"_qs, QJsonObject()}, {u"leads"_qs, QJsonObject()},
                             {u"msi-writeback"_qs, QJsonObject()}, {u"companies"_qs, QJsonObject()},
                             {u"sales-persons"_qs, QJsonObject()}, {u"opportunities"_qs, QJsonObject()},
                             {u"zz-unknown"_qs, QJsonObject()}};
    QCOMPARE(cli::RunsCommand::stageOrder(counts),
             (QStringList{u"sales-persons"_qs, u"companies"_qs, u"leads"_qs, u"opportunities"_qs,
                          u"opportunity-roles"_qs, u"msi-writeback"_qs, u"zz-unknown"_qs}));
    QCOMPARE(cli::RunsCommand::stageOrder(QJsonObject{{u"leads"_qs, QJsonObject()},
                                                      {u"companies"_qs, QJsonObject()}}),
             (QStringList{u"companies"_qs, u"leads"_qs}));
}

QTEST_GUILESS_MAIN(TestRunsCommand)
#include "tst_runscommand.moc"
