#include "ui/EnvironmentBanner.h"
#include "ui/MainWindow.h"

#include <QLabel>
#include <QListWidget>
#include <QStackedWidget>
#include <QTest>

using msi::ui::EnvironmentBanner;
using msi::ui::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void navigationFollowsPanels();
    void banner_data();
    void banner();
    void connectionStates();
};

void TestMainWindow::navigationFollowsPanels()
{
    MainWindow window;
    window.addPanel(u"recordsPanel"_qs, u"Records"_qs, new QLabel(u"records"_qs));
    window.addPanel(u"syncPanel"_qs, u"Sync"_qs, new QLabel(u"sync"_qs));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *navigation = window.findChild<QListWidget *>(u"navigation"_qs);
    auto *panels = window.findChild<QStackedWidget *>(u"panels"_qs);
    QVERIFY(navigation && panels);
    QCOMPARE(window.panelNames(), (QStringList{u"recordsPanel"_qs, u"syncPanel"_qs}));
    QCOMPARE(panels->currentWidget()->objectName(), u"recordsPanel"_qs);
    window.showPanel(u"syncPanel"_qs);
    QCOMPARE(navigation->currentRow(), 1);
    QCOMPARE(panels->currentWidget(), window.panel(u"syncPanel"_qs));
    // Keyboard: the navigation list moves with the arrow keys.
    navigation->setFocus();
    QTest::keyClick(navigation, Qt::Key_Up);
    QCOMPARE(panels->currentWidget()->objectName(), u"recordsPanel"_qs);
}

void TestMainWindow::banner_data()
{
    QTest::addColumn<EnvironmentBanner::Environment>("environment");
    QTest::addColumn<QString>("word");
    QTest::newRow("sandbox") << EnvironmentBanner::Environment::BundledSandbox << u"SANDBOX"_qs;
    QTest::newRow("production") << EnvironmentBanner::Environment::Production
                                << u"PRODUCTION"_qs;
    QTest::newRow("salesforce sandbox") << EnvironmentBanner::Environment::SalesforceSandbox
                                        << u"SALESFORCE SANDBOX"_qs;
}

void TestMainWindow::banner()
{
    QFETCH(EnvironmentBanner::Environment, environment);
    QFETCH(QString, word);
    MainWindow window;
    window.banner()->setEnvironment(environment, u"org 00D7F000000sNbqUAE"_qs);
    QVERIFY(window.banner()->text().startsWith(word));
    QVERIFY(window.banner()->text().contains(u"00D7F000000sNbqUAE"_qs));
    QCOMPARE(window.banner()->accessibleName(), window.banner()->text());
    // Production must not look like the sandbox: different colours.
    EnvironmentBanner sandbox;
    sandbox.setEnvironment(EnvironmentBanner::Environment::BundledSandbox);
    if (environment != EnvironmentBanner::Environment::BundledSandbox)
        QVERIFY(window.banner()->styleSheet() != sandbox.styleSheet());
}

void TestMainWindow::connectionStates()
{
    MainWindow window;
    window.setConnectionState(MainWindow::System::Marketo, u"connected (123456-ABC-789)"_qs, true);
    auto *marketo = window.findChild<QLabel *>(u"marketoState"_qs);
    QVERIFY(marketo);
    QCOMPARE(marketo->text(), u"Marketo: connected (123456-ABC-789)"_qs);
    window.setUsage(u"Marketo 120 / 50,000 calls today"_qs);
    QCOMPARE(window.findChild<QLabel *>(u"usage"_qs)->text(), u"Marketo 120 / 50,000 calls today"_qs);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
