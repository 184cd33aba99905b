#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace msi::ui {

class EnvironmentBanner;

// The console's main window: an environment banner on top, navigation down the side (in the order
// of the admin's work), one panel per step, and a status bar with both connections and today's
// API usage. It shows panels; it does not build them.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    enum class System { Salesforce, Marketo };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds a panel under a navigation entry; objectName identifies it (tests, settings).
    void addPanel(const QString &objectName, const QString &title, QWidget *panel);
    // Puts a new widget in place of a panel (e.g. a placeholder once its data has loaded).
    void replacePanel(const QString &objectName, QWidget *panel);
    void showPanel(const QString &objectName);
    // Deletes every panel now (their owner, e.g. the session whose workspace they read, is going).
    void removePanels();
    QWidget *panel(const QString &objectName) const;
    QStringList panelNames() const;

    EnvironmentBanner *banner() const { return m_banner; }
    void setConnectionState(System system, const QString &state, bool ok);
    void setUsage(const QString &usage);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void restoreSettings();

    EnvironmentBanner *m_banner;
    QListWidget *m_navigation;
    QStackedWidget *m_panels;
    QLabel *m_salesforceState;
    QLabel *m_marketoState;
    QLabel *m_usage;
};

} // namespace msi::ui
