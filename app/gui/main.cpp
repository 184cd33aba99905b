#include "ui/ConsoleSession.h"
#include "ui/MainWindow.h"
#include "ui/ScreenshotTour.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QShortcut>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MSI Bridge"));
    QApplication::setApplicationName(QStringLiteral("msi-bridge"));
    QApplication::setApplicationDisplayName(QStringLiteral("MSI Bridge"));
    QApplication::setApplicationVersion(QStringLiteral(MSI_BRIDGE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("msi-bridge"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/msi-bridge.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Console for Salesforce to Marketo Sales Insight non-native integrations"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandboxOption(
        QStringLiteral("sandbox"),
        QApplication::translate("main", "Start on the bundled sandbox (no accounts needed)."));
    const QCommandLineOption workspaceOption(
        QStringLiteral("workspace"), QApplication::translate("main", "Open this workspace file."),
        QApplication::translate("main", "path"));
    const QCommandLineOption screenshotsOption(
        QStringLiteral("screenshots"),
        QApplication::translate("main", "Capture every panel into a folder, then quit."),
        QApplication::translate("main", "folder"));
    parser.addOptions({sandboxOption, workspaceOption, screenshotsOption});
    parser.process(app);

    msi::ui::MainWindow window;
    msi::ui::ConsoleSession session(&window);
    msi::ui::ConsoleSession::Options options;
    options.sandbox = parser.isSet(sandboxOption) || !parser.isSet(workspaceOption);
    options.workspacePath = parser.value(workspaceOption);
    QString error;
    if (!session.start(options, &error)) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "MSI Bridge"),
                              QApplication::translate("main", "MSI Bridge could not start: %1")
                                  .arg(error));
        return 1;
    }
    auto *refresh = new QShortcut(QKeySequence::Refresh, &window);
    QObject::connect(refresh, &QShortcut::activated, &session, &msi::ui::ConsoleSession::refresh);
    window.show();

    if (parser.isSet(screenshotsOption)) {
        window.move(0, 0);
        window.resize(1280, 800);
        auto *tour = new msi::ui::ScreenshotTour(&window, parser.value(screenshotsOption), &app);
        QObject::connect(tour, &msi::ui::ScreenshotTour::finished, &app, &QApplication::quit);
        // Capture once the first refresh has filled the panels.
        if (session.isRefreshing())
            QObject::connect(&session, &msi::ui::ConsoleSession::stateReloaded, tour,
                             [tour] { tour->start(800); }, Qt::SingleShotConnection);
        else
            tour->start();
    }
    return app.exec();
}
