#include "ui/MainWindow.h"

#include "ui/EnvironmentBanner.h"

#include <QCloseEvent>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace msi::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_banner(new EnvironmentBanner)
    , m_navigation(new QListWidget)
    , m_panels(new QStackedWidget)
    , m_salesforceState(new QLabel)
    , m_marketoState(new QLabel)
    , m_usage(new QLabel)
{
    setWindowTitle(tr("MSI Bridge"));
    setObjectName(QStringLiteral("mainWindow"));

    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Navigation"));
    m_navigation->setMaximumWidth(220);
    m_navigation->setSpacing(2);
    m_panels->setObjectName(QStringLiteral("panels"));
    connect(m_navigation, &QListWidget::currentRowChanged, m_panels,
            &QStackedWidget::setCurrentIndex);

    auto *splitter = new QSplitter;
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_panels);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({170, 1100}); // the panels get the room, not a gap beside the navigation

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_salesforceState->setObjectName(QStringLiteral("salesforceState"));
    m_marketoState->setObjectName(QStringLiteral("marketoState"));
    m_usage->setObjectName(QStringLiteral("usage"));
    statusBar()->addWidget(m_salesforceState);
    statusBar()->addWidget(m_marketoState);
    statusBar()->addPermanentWidget(m_usage);
    setConnectionState(System::Salesforce, tr("not connected"), false);
    setConnectionState(System::Marketo, tr("not connected"), false);
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPanel(const QString &objectName, const QString &title, QWidget *panel)
{
    panel->setObjectName(objectName);
    auto *item = new QListWidgetItem(title);
    item->setData(Qt::UserRole, objectName);
    item->setData(Qt::AccessibleTextRole, title);
    m_navigation->addItem(item);
    m_panels->addWidget(panel);
    if (m_navigation->currentRow() < 0)
        m_navigation->setCurrentRow(0);
}

void MainWindow::replacePanel(const QString &objectName, QWidget *panel)
{
    QWidget *old = this->panel(objectName);
    if (!old) {
        delete panel;
        return;
    }
    const int index = m_panels->indexOf(old);
    const bool current = m_panels->currentIndex() == index;
    panel->setObjectName(objectName);
    m_panels->insertWidget(index, panel);
    m_panels->removeWidget(old);
    old->deleteLater();
    if (current)
        m_panels->setCurrentIndex(index);
}

void MainWindow::removePanels()
{
    m_navigation->clear();
    while (QWidget *panel = m_panels->widget(0)) {
        m_panels->removeWidget(panel);
        delete panel;
    }
}

void MainWindow::showPanel(const QString &objectName)
{
    for (int row = 0; row < m_navigation->count(); ++row) {
        if (m_navigation->item(row)->data(Qt::UserRole).toString() == objectName) {
            m_navigation->setCurrentRow(row);
            return;
        }
    }
}

QWidget *MainWindow::panel(const QString &objectName) const
{
    for (int i = 0; i < m_panels->count(); ++i) {
        if (m_panels->widget(i)->objectName() == objectName)
            return m_panels->widget(i);
    }
    return nullptr;
}

QStringList MainWindow::panelNames() const
{
    QStringList names;
    for (int i = 0; i < m_panels->count(); ++i)
        names.append(m_panels->widget(i)->objectName());
    return names;
}

void MainWindow::setConnectionState(System system, const QString &state, bool ok)
{
    QLabel *label = system == System::Salesforce ? m_salesforceState : m_marketoState;
    const QString name = system == System::Salesforce ? tr("Salesforce") : tr("Marketo");
    label->setText(tr("%1: %2").arg(name, state));
    label->setStyleSheet(ok ? QStringLiteral("color: #166534;") : QStringLiteral("color: #b91c1c;"));
    label->setAccessibleName(label->text());
}

void MainWindow::setUsage(const QString &usage)
{
    m_usage->setText(usage);
    m_usage->setAccessibleName(usage);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace msi::ui
