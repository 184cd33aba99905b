#include "ui/MainWindow.h"

#include <QListWidget>
#include <QStackedWidget>
#include <QTest>

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void opensWithNavigation();
};

void TestMainWindow::opensWithNavigation()
{
    msi::ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *navigation = window.findChild<QListWidget *>(u"navigation"_qs);
    auto *panels = window.findChild<QStackedWidget *>(u"panels"_qs);
    QVERIFY(navigation);
    QVERIFY(panels);
    QCOMPARE(navigation->count(), panels->count());
    navigation->setCurrentRow(3);
    QCOMPARE(panels->currentIndex(), 3);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
