#pragma once

#include "checks/Diagnosis.h"
#include "checks/DiagnosisFix.h"
#include "checks/MsiDiagnosis.h"
#include "checks/SystemState.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QGraphicsView;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace msi::ui {

class DiagnosisScene;
class LinkDetailView;

// "Why is this MSI panel empty?": type an ID, e-mail or name, see the chain MSI needs as a graph
// coloured by verdict, click a link to see the cause and both systems' values and records. The
// Workspace scan tab runs the bulk diagnosis (in a worker thread) and groups broken links by kind;
// double-clicking a record diagnoses it.
class DiagnosisWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosisWidget)
public:
    explicit DiagnosisWidget(QWidget *parent = nullptr);
    ~DiagnosisWidget() override;

    // A state with its diagnosis lookups built: Prepared::build is the slow part over a large
    // workspace, so the console runs it in a worker thread and hands the result over.
    struct Prepared
    {
        std::shared_ptr<const checks::SystemState> state;
        std::shared_ptr<const checks::MsiDiagnosis> diagnosis;
        static Prepared build(checks::SystemState state);
    };
    void setState(Prepared prepared);
    // The records of both systems to diagnose (a seed, a snapshot or a live read).
    void setState(checks::SystemState state);
    // Reads a seed folder (default: the bundled sample org); false with the error shown.
    bool loadSeed(const QString &directory);

    // Diagnoses one record; false (with the reason shown) when it is not found or ambiguous.
    bool diagnose(const QString &query);
    // Diagnoses the first Contact that Marketo knows under its externalPersonId (else the first
    // Contact): a chain with something to show, for tours and screenshots. False when empty.
    bool showExample();
    void scanAll();

    // The Fix button: re-syncs the records of the diagnosed chain (in stage order, through the
    // owner of the sync, see fixRequested) and re-checks the chain when the new state arrives.
    // Off until someone can run a sync (setFixAvailable).
    void setFixAvailable(bool available);
    // Why a fix cannot start just now (a sync is running); empty when it can.
    void setFixBlocked(const QString &reason);
    // Asks for the fix of the current chain; false (with the reason shown) when there is nothing
    // a sync can mend or a fix is already running.
    bool fix();
    // What the owner of the sync reports back.
    void fixFailed(const QString &message);
    void fixRunFinished(const QString &summary);
    bool isFixing() const { return m_fixing; }
    const checks::FixPlan &fixPlan() const { return m_fixPlan; }
    QPushButton *fixButton() const { return m_fixButton; }
    QString fixNoteText() const;

    const checks::Diagnosis &currentDiagnosis() const { return m_current; }
    DiagnosisScene *scene() const { return m_scene; }
    QGraphicsView *view() const { return m_view; }
    LinkDetailView *detailView() const { return m_detail; }
    QListWidget *linkList() const { return m_links; }
    QTreeWidget *scanTree() const { return m_scanTree; }
    QString statusText() const;
    QLabel *legend() const { return m_legend; }

signals:
    void diagnosed(const QString &recordId, checks::DiagnosisLink::Verdict verdict);
    void scanFinished(int groups);
    // The Fix button: re-sync these Salesforce records (18-char IDs) in stage order.
    void fixRequested(const QSet<QString> &records, const QString &recordLabel);
    // The chain was re-checked after a fix.
    void fixChecked(const QString &recordId, checks::DiagnosisLink::Verdict verdict);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildChainTab();
    void fitChain();
    QWidget *buildScanTab();
    void showLink(int index);
    void showScan(const checks::MsiDiagnosis::Bulk &bulk);
    void setStatus(const QString &text, bool error);
    void updateFix();
    void setFixNote(const QString &text);
    void clearChain();

    std::shared_ptr<const checks::SystemState> m_state;
    std::shared_ptr<const checks::MsiDiagnosis> m_diagnosis;
    checks::Diagnosis m_current;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_query = nullptr;
    QPushButton *m_diagnoseButton = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_fixButton = nullptr;
    QLabel *m_fixNote = nullptr;
    checks::FixPlan m_fixPlan;
    bool m_fixAvailable = false;
    bool m_fixing = false;
    QString m_fixBlocked;
    QString m_fixRecordId;   // the record whose chain is being fixed
    QString m_fixRecordLabel;
    QString m_fixRunSummary;
    DiagnosisScene *m_scene = nullptr;
    QGraphicsView *m_view = nullptr;
    QListWidget *m_links = nullptr;
    QLabel *m_legend = nullptr;
    LinkDetailView *m_detail = nullptr;
    QPushButton *m_scanButton = nullptr;
    QLabel *m_scanStatus = nullptr;
    QTreeWidget *m_scanTree = nullptr;
    QFutureWatcher<checks::MsiDiagnosis::Bulk> m_scanWatcher;
};

} // namespace msi::ui
