// Not a test: the main window with the Diagnosis panel over the bundled sample org, one PNG per
// diagnosed record, for looking at the chain graph as a user would (offscreen or under Xvfb).
//   preview_diagnosis OUTDIR QUERY[@LINK] ... [--width W --height H]
// QUERY is what the user types (ID, e-mail or name); @LINK selects that link (e.g. "@person").
#include "ui/MainWindow.h"
#include "ui/diagnosis/DiagnosisWidget.h"

#include <QApplication>
#include <QDir>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QPainter>
#include <QScrollBar>
#include <QListWidget>
#include <QRegularExpression>
#include <QTest>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    auto option = [&args](const QString &name, int fallback) {
        const qsizetype at = args.indexOf(name);
        if (at < 0 || at + 1 >= args.size())
            return fallback;
        const int value = args.at(at + 1).toInt();
        args.remove(at, 2);
        return value;
    };
    const int width = option(u"--width"_qs, 1280);
    const int height = option(u"--height"_qs, 800);
    if (args.size() < 2) {
        qCritical("usage: preview_diagnosis OUTDIR QUERY[@LINK] ... [--width W --height H]");
        return 2;
    }
    const QDir out(args.takeFirst());
    QDir().mkpath(out.path());

    msi::ui::MainWindow window;
    auto *diagnosis = new msi::ui::DiagnosisWidget;
    if (!diagnosis->loadSeed(QStringLiteral(MSI_SAMPLE_ORG_DIR)))
        return 1;
    window.addPanel(u"diagnosisPanel"_qs, QApplication::translate("main", "Diagnosis"), diagnosis);
    window.move(0, 0);
    window.resize(width, height);
    window.show();
    window.showPanel(u"diagnosisPanel"_qs);
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    int n = 0;
    for (const QString &arg : std::as_const(args)) {
        const QString query = arg.section(u'@', 0, 0);
        const QString link = arg.section(u'@', 1);
        if (!diagnosis->diagnose(query))
            qWarning("%s: %s", qPrintable(query), qPrintable(diagnosis->statusText()));
        if (!link.isEmpty()) {
            const auto &links = diagnosis->currentDiagnosis().links;
            for (int i = 0; i < links.size(); ++i) {
                if (links.at(i).link == link) {
                    diagnosis->linkList()->setCurrentRow(i);
                    break;
                }
            }
        }
        QTest::qWait(200);
        qInfo() << "scene" << diagnosis->view()->sceneRect() << "top-left shown"
                << diagnosis->view()->mapToScene(0, 0) << diagnosis->view()->verticalScrollBar()->value();
        QString name = arg;
        name.replace(QRegularExpression(u"[^A-Za-z0-9.]+"_qs), u"_"_qs);
        const QString file = out.filePath(u"%1-%2.png"_qs.arg(++n, 2, 10, QLatin1Char('0')).arg(name));
        if (!window.grab().save(file))
            return 1;
        qInfo("%s", qPrintable(file));
        // The whole graph too, as the view scales it, for what is scrolled out of sight.
        QGraphicsScene *scene = diagnosis->view()->scene();
        const QRectF shown = diagnosis->view()->transform().mapRect(scene->sceneRect());
        QImage image(shown.size().toSize(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        scene->render(&painter, QRectF(image.rect()), scene->sceneRect());
        painter.end();
        image.save(QString(file).replace(u".png"_qs, u"-graph.png"_qs));
    }
    return 0;
}
