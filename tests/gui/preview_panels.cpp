// Not a test: opens the main window with the issue-6 panels over a temporary workspace filled
// from the bundled sample org, for looking at them under Xvfb (see README "GUI panels").
//   preview_panels [records|mapping|checks] [--width W --height H]
#include "../support/SampleWorkspace.h"

#include "checks/CheckSuite.h"
#include "tables/FieldCatalog.h"
#include "ui/MainWindow.h"
#include "ui/checks/ChecksPanel.h"
#include "ui/mapping/MappingPanel.h"
#include "ui/records/RecordsPanel.h"

#include <QApplication>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"MSI Bridge Preview"_qs);
    QApplication::setApplicationName(u"preview_panels"_qs);
    const QStringList args = app.arguments();
    const QString show = args.value(1, u"records"_qs);
    const int width = args.contains(u"--width"_qs) ? args.value(args.indexOf(u"--width"_qs) + 1).toInt() : 1280;
    const int height = args.contains(u"--height"_qs) ? args.value(args.indexOf(u"--height"_qs) + 1).toInt() : 800;

    SampleWorkspace sample;
    if (!sample.fill()) {
        qCritical("%s", qPrintable(sample.error()));
        return 1;
    }
    msi::ui::MainWindow window;
    auto *records = new msi::ui::RecordsPanel(sample.workspace());
    window.addPanel(u"recordsPanel"_qs, QApplication::translate("main", "Records"), records);
    auto *mapping = new msi::ui::MappingPanel(msi::tables::FieldCatalog::fromState(sample.state()), &sample.workspace());
    window.addPanel(u"mappingPanel"_qs, QApplication::translate("main", "Field mapping"), mapping);
    auto *checks = new msi::ui::ChecksPanel(msi::checks::CheckSuite::run(sample.state()));
    window.addPanel(u"checksPanel"_qs, QApplication::translate("main", "Checks"), checks);
    QObject::connect(checks, &msi::ui::ChecksPanel::recordActivated, records,
                     [&window, records](msi::store::System system, const QString &type, const QString &key) {
                         window.showPanel(u"recordsPanel"_qs);
                         records->showRecord(system, type, key);
                     });
    window.move(0, 0);
    window.resize(width, height);
    window.show();
    window.showPanel(show + u"Panel"_qs);
    if (show == u"records") {
        records->setKind(msi::tables::RecordKind::Companies);
        QTimer::singleShot(500, records, [records] {
            records->showRecord(msi::store::System::Salesforce, u"Account"_qs, u"0017F000007y8FKQAY"_qs);
        });
    }
    return app.exec();
}
