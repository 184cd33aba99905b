#pragma once

#include <QObject>
#include <QStringList>

namespace msi::ui {

class MainWindow;

// Walks through the main window's panels and saves a capture of the real screen for each
// (README screenshots; run under Xvfb by scripts/screenshots.sh), then emits finished().
class ScreenshotTour final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotTour)
public:
    ScreenshotTour(MainWindow *window, const QString &directory, QObject *parent = nullptr);
    // Waits settleMs before the first capture so data can load, then captures each panel.
    void start(int settleMs = 1500);
    QStringList savedFiles() const { return m_saved; }

signals:
    void finished();

private:
    void captureNext();

    MainWindow *m_window;
    QString m_directory;
    QStringList m_pending;
    QStringList m_saved;
};

} // namespace msi::ui
