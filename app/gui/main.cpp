#include "ui/ConsoleSession.h"
#include "ui/MainWindow.h"
#include "ui/wizard/FirstStart.h"
#include "ui/ScreenshotTour.h"
#include "ui/sync/SyncPanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>

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
    options.sandbox = parser.isSet(sandboxOption);
    options.workspacePath = parser.value(workspaceOption);
    const QString lastWorkspace =
        QSettings().value(QStringLiteral("session/lastWorkspace")).toString();
    if (!options.sandbox && options.workspacePath.isEmpty() && QFileInfo::exists(lastWorkspace))
        options.workspacePath = lastWorkspace;
    QString error;
    bool started = false;
    if (options.sandbox || !options.workspacePath.isEmpty()) {
        started = session.start(options, &error);
    } else {
        // First start: no workspace yet, so the setup wizard guides the admin to one.
        msi::ui::FirstStartOutcome outcome = msi::ui::runFirstStartWizard();
        if (!outcome.result.valid)
            return 0;
        started = session.startFromSetup(std::move(outcome), &error);
    }
    if (!started) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "MSI Bridge"),
                              QApplication::translate("main", "MSI Bridge could not start: %1")
                                  .arg(error));
        return 1;
    }
    QMenu *fileMenu = window.menuBar()->addMenu(QApplication::translate("main", "&File"));
    fileMenu->addAction(QApplication::translate("main", "&New workspace…"), &window, [&window] {
        // The wizard makes the new workspace; the app restarts on it.
        msi::ui::FirstStartOutcome outcome = msi::ui::runFirstStartWizard(&window);
        if (outcome.result.valid && !outcome.result.bundledSandbox) {
            QProcess::startDetached(QApplication::applicationFilePath(),
                                    {QStringLiteral("--workspace"), outcome.result.workspacePath});
            QApplication::quit();
        }
    });
    fileMenu->addAction(QApplication::translate("main", "&Refresh from both systems"),
                        QKeySequence::Refresh, &session, &msi::ui::ConsoleSession::refresh);
    fileMenu->addSeparator();
    fileMenu->addAction(QApplication::translate("main", "&Quit"), QKeySequence::Quit, &app,
                        &QApplication::quit);
    window.show();

    if (parser.isSet(screenshotsOption)) {
        window.move(0, 0);
        window.resize(1280, 800);
        auto *tour = new msi::ui::ScreenshotTour(&window, parser.value(screenshotsOption), &app);
        QObject::connect(tour, &msi::ui::ScreenshotTour::finished, &app, &QApplication::quit);
        // Capture a lived-in console: once the first refresh has filled the panels, run the
        // first sync, let the refresh after it settle, then open the diagnosis of a person MSI
        // cannot show (Stella Pavlova: two Marketo leads share her e-mail, sample org M-03).
        auto *syncPanel = qobject_cast<msi::ui::SyncPanel *>(window.panel(u"syncPanel"_qs));
        QObject::connect(
            &session, &msi::ui::ConsoleSession::stateReloaded, tour,
            [tour, syncPanel, &session] {
                QObject::connect(
                    &session, &msi::ui::ConsoleSession::refreshed, tour,
                    [tour, &session] {
                        QObject::connect(
                            &session, &msi::ui::ConsoleSession::stateReloaded, tour,
                            [tour, &session] {
                                session.showDiagnosis(QStringLiteral("0037F000009XkPbQAK"));
                                tour->start(800);
                            },
                            Qt::SingleShotConnection);
                    },
                    Qt::SingleShotConnection);
                if (!syncPanel || !syncPanel->startRun())
                    tour->start();
            },
            Qt::SingleShotConnection);
    }
    return app.exec();
}
