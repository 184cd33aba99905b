#pragma once

#include <QMainWindow>

namespace msi::ui {

// The console's main window: navigation down the side, one panel per step of the admin's work.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void restoreSettings();
};

} // namespace msi::ui
