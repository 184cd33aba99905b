// Not a test: the Sync and History panels in the main window against the in-process sandbox with
// the bundled sample org, for looking at them under Xvfb. Runs a dry run, a sync (with one record
// Marketo refuses) and saves PNGs of both panels, then quits.
//   preview_sync OUTDIR [--width W --height H]
// Run with QT_SCALE_FACTOR=2 for the 200% look.
#include "sandbox/Sandbox.h"
#include "sandbox/SandboxOptions.h"
#include "store/Workspace.h"
#include "sync/SyncController.h"
#include "ui/MainWindow.h"
#include "ui/history/HistoryPanel.h"
#include "ui/sync/RunResultsView.h"
#include "ui/sync/SyncPanel.h"

#include <QApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTimer>

using msi::sandbox::Sandbox;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"MSI Bridge Preview"_qs);
    QApplication::setApplicationName(u"preview_sync"_qs);
    const QStringList args = app.arguments();
    const QString out = args.value(1, u"."_qs);
    QDir().mkpath(out);
    const int width = args.contains(u"--width"_qs) ? args.value(args.indexOf(u"--width"_qs) + 1).toInt() : 1024;
    const int height = args.contains(u"--height"_qs) ? args.value(args.indexOf(u"--height"_qs) + 1).toInt() : 700;

    Sandbox sandbox;
    QString error;
    if (!sandbox.start({}, &error)) {
        qCritical("%s", qPrintable(error));
        return 1;
    }
    // One record Marketo refuses, so that a failure shows.
    sandbox.editSalesforceRecord(u"0037F00001fTq3BQAS"_qs, {{u"Email"_qs, u"zoë.müller@unitedoilgas-uk.example"_qs}});
    QTemporaryDir dir;
    const QString path = dir.filePath(u"preview.sqlite"_qs);
    msi::sync::EngineConnection connection;
    connection.salesforce.loginUrl = sandbox.salesforceUrl();
    connection.salesforce.clientId = Sandbox::clientId();
    connection.salesforce.clientSecret = Sandbox::clientSecret();
    connection.salesforce.flow = msi::salesforce::AuthFlow::ClientCredentials;
    connection.marketo.baseUrl = sandbox.marketoUrl();
    connection.marketo.clientId = Sandbox::clientId();
    connection.marketo.clientSecret = Sandbox::clientSecret();

    msi::store::Workspace workspace(path);
    if (!workspace.open(&error)) {
        qCritical("%s", qPrintable(error));
        return 1;
    }
    msi::ui::MainWindow window;
    auto *syncPanel = new msi::ui::SyncPanel(path, connection, new msi::sync::SyncController);
    auto *history = new msi::ui::HistoryPanel(workspace);
    window.addPanel(u"syncPanel"_qs, QApplication::translate("main", "Sync"), syncPanel);
    window.addPanel(u"historyPanel"_qs, QApplication::translate("main", "History"), history);
    window.move(0, 0);
    window.resize(width, height);
    window.show();
    window.showPanel(u"syncPanel"_qs);

    const auto save = [&](const QString &name) {
        QApplication::processEvents();
        const QString file = QDir(out).filePath(name);
        window.grab().save(file);
        qInfo("%s", qPrintable(file));
    };
    int step = 0;
    QObject::connect(syncPanel, &msi::ui::SyncPanel::runFinished, &app, [&](const msi::sync::RunResult &) {
        QTimer::singleShot(800, &app, [&] {
            if (step == 0) {
                save(u"sync-dry-run.png"_qs);
                step = 1;
                syncPanel->startRun();
                QTimer::singleShot(150, &app, [&] { save(u"sync-running.png"_qs); });
            } else {
                syncPanel->results()->showOutcomes(msi::ui::RunResultsView::Show::Failed);
                syncPanel->results()->selectRecord(u"0037F00001fTq3BQAS"_qs);
                save(u"sync-run.png"_qs);
                history->reload();
                window.showPanel(u"historyPanel"_qs);
                QTimer::singleShot(1200, &app, [&] {
                    save(u"history-stages.png"_qs);
                    history->tabs()->setCurrentIndex(2);
                    QTimer::singleShot(500, &app, [&] {
                        save(u"history-usage.png"_qs);
                        app.quit();
                    });
                });
            }
        });
    });
    QTimer::singleShot(300, &app, [&] {
        save(u"sync-start.png"_qs);
        syncPanel->startDryRun();
    });
    return app.exec();
}
