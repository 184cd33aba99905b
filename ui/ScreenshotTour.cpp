#include "ui/ScreenshotTour.h"

#include "ui/MainWindow.h"

#include <QDir>
#include <QGuiApplication>
#include <QPixmap>
#include <QScreen>
#include <QTimer>

namespace msi::ui {

ScreenshotTour::ScreenshotTour(MainWindow *window, const QString &directory, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(directory)
{
}

void ScreenshotTour::start(int settleMs)
{
    QDir().mkpath(m_directory);
    m_pending = m_window->panelNames();
    if (!m_pending.isEmpty())
        m_window->showPanel(m_pending.first());
    QTimer::singleShot(settleMs, this, &ScreenshotTour::captureNext);
}

void ScreenshotTour::captureNext()
{
    if (m_pending.isEmpty()) {
        emit finished();
        return;
    }
    const QString name = m_pending.takeFirst();
    m_window->showPanel(name);
    QTimer::singleShot(400, this, [this, name] {
        // Capture the screen the window is on, as a user would see it (not a widget render).
        QScreen *screen = m_window->screen();
        const QRect frame = m_window->frameGeometry();
        QPixmap shot = screen->grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height());
        const QString file = QDir(m_directory).filePath(name + u".png"_qs);
        if (shot.save(file))
            m_saved.append(file);
        captureNext();
    });
}

} // namespace msi::ui
