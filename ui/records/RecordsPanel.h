#pragma once

#include "store/StoreTypes.h"
#include "tables/CounterpartFinder.h"
#include "tables/RecordKinds.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace msi::store {
class Workspace;
}
namespace msi::tables {
class SnapshotTableModel;
}

namespace msi::ui {

class RecordTableView;

// The Records panel: the Salesforce and Marketo records of one kind side by side, straight from
// the workspace snapshots. Selecting a record on one side selects its counterpart on the other
// (through the external IDs) or says why there is none. One filter box for both tables; sortable
// columns; column chooser on the header's context menu; Ctrl+C copies cells.
class RecordsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordsPanel)
public:
    // The workspace must outlive the panel.
    explicit RecordsPanel(store::Workspace &workspace, QWidget *parent = nullptr);
    ~RecordsPanel() override;

    void setKind(tables::RecordKind kind);
    tables::RecordKind kind() const;
    // Shows the kind the record belongs to, clears the filter and selects the record (and so
    // its counterpart). objectType as the store names it (Contact, leads, ...).
    void showRecord(store::System system, const QString &objectType, const QString &recordKey);
    // Queries the store again (after a sync wrote new snapshots).
    void reload();

    // What the panel says about the current selection's counterpart.
    QString counterpartMessage() const;
    tables::SnapshotTableModel *model(store::System system) const;
    RecordTableView *view(store::System system) const;

signals:
    // Emitted when the counterpart of a selected record was looked up.
    void counterpartFound(const msi::tables::Counterpart &counterpart);

private:
    struct Side;
    void buildSide(Side &side, store::System system);
    Side &side(store::System system) const;
    void applyKind();
    void setSalesforceType(const QString &objectType);
    void updateCount(store::System system);
    void onCurrentRowChanged(store::System system, int row);
    void onCounterpart(const tables::Counterpart &counterpart);
    void onRevealed(store::System system, const QString &key, int row);
    void setMessage(const QString &text);

    store::Workspace &m_workspace;
    QComboBox *m_kind;
    QLineEdit *m_filter;
    QComboBox *m_salesforceType;
    QLabel *m_message;
    std::unique_ptr<Side> m_salesforce;
    std::unique_ptr<Side> m_marketo;
    tables::CounterpartFinder *m_finder;
    // Selection changes made by the panel itself do not start a counterpart search.
    bool m_selectingCounterpart = false;
    QString m_jumpKey;
};

} // namespace msi::ui
