#include "ui/MainWindow.h"

#include <QCloseEvent>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace msi::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("MSI Bridge"));
    setObjectName(QStringLiteral("mainWindow"));

    auto *navigation = new QListWidget;
    navigation->setObjectName(QStringLiteral("navigation"));
    navigation->setAccessibleName(tr("Navigation"));
    auto *panels = new QStackedWidget;
    panels->setObjectName(QStringLiteral("panels"));
    const QStringList names = {tr("Records"), tr("Field mapping"), tr("Checks"), tr("Sync"),
                               tr("Diagnosis"), tr("History")};
    for (const QString &name : names) {
        navigation->addItem(name);
        auto *placeholder = new QLabel(tr("%1 — not built yet").arg(name));
        placeholder->setAlignment(Qt::AlignCenter);
        panels->addWidget(placeholder);
    }
    connect(navigation, &QListWidget::currentRowChanged, panels, &QStackedWidget::setCurrentIndex);
    navigation->setCurrentRow(0);
    navigation->setMaximumWidth(200);

    auto *splitter = new QSplitter;
    splitter->addWidget(navigation);
    splitter->addWidget(panels);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);
    statusBar()->showMessage(tr("Not connected"));
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1200, 780);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace msi::ui
