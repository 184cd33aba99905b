#include "ui/MainWindow.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MSI Bridge"));
    QApplication::setApplicationName(QStringLiteral("msi-bridge"));
    QApplication::setApplicationDisplayName(QStringLiteral("MSI Bridge"));
    QApplication::setApplicationVersion(QStringLiteral(MSI_BRIDGE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("msi-bridge"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/msi-bridge.svg")));

    msi::ui::MainWindow window;
    window.show();
    return app.exec();
}
