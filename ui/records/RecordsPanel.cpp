#include "ui/records/RecordsPanel.h"

#include "tables/SnapshotTableModel.h"
#include "ui/records/RecordTableView.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace msi::ui {

using store::System;
using tables::RecordKind;
using tables::RecordKinds;
using tables::SnapshotTableModel;

struct RecordsPanel::Side
{
    System system;
    QGroupBox *box = nullptr;
    RecordTableView *view = nullptr;
    SnapshotTableModel *model = nullptr;
    QLabel *count = nullptr;
};

RecordsPanel::RecordsPanel(store::Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_kind(new QComboBox)
    , m_filter(new QLineEdit)
    , m_salesforceType(new QComboBox)
    , m_message(new QLabel)
    , m_salesforce(std::make_unique<Side>())
    , m_marketo(std::make_unique<Side>())
    , m_finder(new tables::CounterpartFinder(workspace, this))
{
    setObjectName(QStringLiteral("recordsPanel"));
    setAccessibleName(tr("Records"));

    m_kind->setObjectName(QStringLiteral("recordKind"));
    m_kind->setAccessibleName(tr("Record kind"));
    for (RecordKind kind : RecordKinds::all())
        m_kind->addItem(RecordKinds::title(kind), int(kind));
    m_filter->setObjectName(QStringLiteral("recordFilter"));
    m_filter->setAccessibleName(tr("Filter records"));
    m_filter->setPlaceholderText(tr("Filter both tables by any value"));
    m_filter->setClearButtonEnabled(true);

    auto *kindLabel = new QLabel(tr("&Records:"));
    kindLabel->setBuddy(m_kind);
    auto *filterLabel = new QLabel(tr("&Filter:"));
    filterLabel->setBuddy(m_filter);
    auto *top = new QHBoxLayout;
    top->addWidget(kindLabel);
    top->addWidget(m_kind);
    top->addSpacing(12);
    top->addWidget(filterLabel);
    top->addWidget(m_filter, 1);

    buildSide(*m_salesforce, System::Salesforce);
    buildSide(*m_marketo, System::Marketo);
    m_salesforceType->setObjectName(QStringLiteral("salesforceType"));
    m_salesforceType->setAccessibleName(tr("Salesforce object"));
    m_salesforceType->addItem(tr("Contacts"), QStringLiteral("Contact"));
    m_salesforceType->addItem(tr("Leads"), QStringLiteral("Lead"));
    qobject_cast<QVBoxLayout *>(m_salesforce->box->layout())->insertWidget(0, m_salesforceType);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("recordsSplitter"));
    splitter->addWidget(m_salesforce->box);
    splitter->addWidget(m_marketo->box);
    splitter->setChildrenCollapsible(false);

    m_message->setObjectName(QStringLiteral("counterpartMessage"));
    m_message->setAccessibleName(tr("Counterpart"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_message->setText(tr("Select a record to see its counterpart."));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);

    setTabOrder(m_kind, m_filter);
    setTabOrder(m_filter, m_salesforceType);
    setTabOrder(m_salesforceType, m_salesforce->view);
    setTabOrder(m_salesforce->view, m_marketo->view);

    // Typing waits a moment so that each key does not start a query.
    auto *filterDelay = new QTimer(this);
    filterDelay->setSingleShot(true);
    filterDelay->setInterval(250);
    connect(m_filter, &QLineEdit::textChanged, filterDelay, qOverload<>(&QTimer::start));
    connect(filterDelay, &QTimer::timeout, this, [this] {
        m_salesforce->model->setFilterText(m_filter->text());
        m_marketo->model->setFilterText(m_filter->text());
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(QStringLiteral("records/kind"), m_kind->currentIndex());
        applyKind();
    });
    connect(m_salesforceType, &QComboBox::currentIndexChanged, this,
            [this] { setSalesforceType(m_salesforceType->currentData().toString()); });
    connect(m_finder, &tables::CounterpartFinder::found, this, &RecordsPanel::onCounterpart);

    const int saved = QSettings().value(QStringLiteral("records/kind"), 0).toInt();
    m_kind->setCurrentIndex(qBound(0, saved, m_kind->count() - 1));
    applyKind();
}

RecordsPanel::~RecordsPanel() = default;

void RecordsPanel::buildSide(Side &side, System system)
{
    const bool sf = system == System::Salesforce;
    const QString name = sf ? QStringLiteral("salesforce") : QStringLiteral("marketo");
    side.system = system;
    side.box = new QGroupBox;
    side.box->setObjectName(name + QStringLiteral("Records"));
    side.model = new SnapshotTableModel(m_workspace, this);
    side.model->setObjectName(name + QStringLiteral("Model"));
    side.view = new RecordTableView;
    side.view->setObjectName(name + QStringLiteral("Table"));
    side.view->setModel(side.model);
    side.view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    side.view->setSortingEnabled(true);
    side.count = new QLabel;
    side.count->setObjectName(name + QStringLiteral("Count"));
    auto *layout = new QVBoxLayout(side.box);
    layout->addWidget(side.view, 1);
    layout->addWidget(side.count);

    connect(side.model, &SnapshotTableModel::totalCountChanged, this, [this, system] { updateCount(system); });
    connect(side.model, &SnapshotTableModel::pageLoaded, this, [this, system] { updateCount(system); });
    connect(side.model, &SnapshotTableModel::loadingChanged, this, [this, system] { updateCount(system); });
    connect(side.view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, system](const QModelIndex &current) { onCurrentRowChanged(system, current.row()); });
    connect(side.model, &SnapshotTableModel::recordRevealed, this,
            [this, system](const QString &key, int row) { onRevealed(system, key, row); });
    connect(side.model, &SnapshotTableModel::recordNotRevealed, this,
            [this](const QString &, const QString &reason) { setMessage(reason); });
}

RecordsPanel::Side &RecordsPanel::side(System system) const
{
    return system == System::Salesforce ? *m_salesforce : *m_marketo;
}

tables::SnapshotTableModel *RecordsPanel::model(System system) const
{
    return side(system).model;
}

RecordTableView *RecordsPanel::view(System system) const
{
    return side(system).view;
}

RecordKind RecordsPanel::kind() const
{
    return RecordKind(m_kind->currentData().toInt());
}

void RecordsPanel::setKind(RecordKind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
}

void RecordsPanel::applyKind()
{
    const RecordKind current = kind();
    const QStringList sfTypes = RecordKinds::salesforceObjectTypes(current);
    m_salesforce->box->setTitle(tr("Salesforce: %1").arg(RecordKinds::salesforceTitle(current)));
    m_marketo->box->setTitle(tr("Marketo: %1").arg(RecordKinds::marketoTitle(current)));
    m_salesforce->view->setAccessibleName(tr("Salesforce %1").arg(RecordKinds::salesforceTitle(current)));
    m_marketo->view->setAccessibleName(tr("Marketo %1").arg(RecordKinds::marketoTitle(current)));
    m_salesforceType->setVisible(sfTypes.size() > 1);
    m_message->setText(tr("Select a record to see its counterpart."));

    const QString marketoType = RecordKinds::marketoObjectType(current);
    m_marketo->view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_marketo->model->setSource(System::Marketo, marketoType);
    m_marketo->view->setColumnSettings(QStringLiteral("records/marketo/") + marketoType,
                                       RecordKinds::defaultFields(System::Marketo, marketoType));
    const QString sfType = sfTypes.size() > 1 ? m_salesforceType->currentData().toString()
                                              : sfTypes.constFirst();
    setSalesforceType(sfType);
}

void RecordsPanel::setSalesforceType(const QString &objectType)
{
    const int index = m_salesforceType->findData(objectType);
    if (index >= 0 && index != m_salesforceType->currentIndex()) {
        const QSignalBlocker blocker(m_salesforceType);
        m_salesforceType->setCurrentIndex(index);
    }
    if (m_salesforce->model->objectType() == objectType && m_salesforce->model->rowCount() > 0)
        return;
    m_salesforce->view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_salesforce->model->setSource(System::Salesforce, objectType);
    m_salesforce->view->setColumnSettings(QStringLiteral("records/salesforce/") + objectType,
                                          RecordKinds::defaultFields(System::Salesforce, objectType));
}

void RecordsPanel::reload()
{
    m_salesforce->model->setSource(System::Salesforce, m_salesforce->model->objectType());
    m_marketo->model->setSource(System::Marketo, m_marketo->model->objectType());
    m_salesforce->view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_marketo->view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
}

void RecordsPanel::updateCount(System system)
{
    Side &s = side(system);
    const QLocale locale;
    const qint64 total = s.model->totalCount();
    QString text;
    if (total < 0)
        text = tr("Counting records…");
    else if (total == 0)
        text = m_filter->text().trimmed().isEmpty() ? tr("No records in the workspace snapshot.")
                                                    : tr("No record matches the filter.");
    else if (s.model->rowCount() < total)
        text = tr("%1 of %2 records loaded; scroll for more.")
                   .arg(locale.toString(s.model->rowCount()), locale.toString(total));
    else
        text = total == 1 ? tr("1 record.") : tr("%1 records.").arg(locale.toString(total));
    if (s.model->isLoading())
        text += QLatin1Char(' ') + tr("Loading…");
    s.count->setText(text);
    s.count->setAccessibleName(text);
}

void RecordsPanel::onCurrentRowChanged(System system, int row)
{
    if (m_selectingCounterpart || row < 0)
        return;
    const QJsonObject record = side(system).model->recordAt(row);
    if (record.isEmpty())
        return;
    setMessage(tr("Looking for the counterpart…"));
    m_finder->find(kind(), system, record);
}

void RecordsPanel::onCounterpart(const tables::Counterpart &counterpart)
{
    emit counterpartFound(counterpart);
    Side &other = side(counterpart.system);
    if (!counterpart.found()) {
        const QSignalBlocker blocker(other.view->selectionModel());
        other.view->clearSelection();
        other.view->selectionModel()->clearCurrentIndex();
        other.view->viewport()->update();
        setMessage(counterpart.message);
        return;
    }
    const QString where = counterpart.system == System::Salesforce ? tr("Salesforce") : tr("Marketo");
    QString text = tr("Counterpart in %1: %2 %3.")
                       .arg(where, RecordKinds::recordLabel(counterpart.system, counterpart.objectType),
                            counterpart.recordKey);
    if (!counterpart.message.isEmpty())
        text += QLatin1Char(' ') + counterpart.message;
    setMessage(text);
    if (counterpart.system == System::Salesforce && RecordKinds::salesforceObjectTypes(kind()).size() > 1)
        setSalesforceType(counterpart.objectType);
    other.model->reveal(counterpart.recordKey);
}

void RecordsPanel::onRevealed(System system, const QString &key, int row)
{
    Side &s = side(system);
    const bool jump = key == m_jumpKey;
    m_jumpKey.clear();
    m_selectingCounterpart = !jump;
    const QModelIndex index = s.model->index(row, 0);
    s.view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                         | QItemSelectionModel::Rows);
    s.view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_selectingCounterpart = false;
    if (jump)
        s.view->setFocus();
}

void RecordsPanel::showRecord(System system, const QString &objectType, const QString &recordKey)
{
    RecordKind target;
    if (!RecordKinds::kindOf(system, objectType, &target)) {
        setMessage(tr("%1 records are not shown in this panel.").arg(objectType));
        return;
    }
    if (target != kind())
        setKind(target);
    if (!m_filter->text().isEmpty()) {
        m_filter->clear();
        m_salesforce->model->setFilterText({});
        m_marketo->model->setFilterText({});
    }
    if (system == System::Salesforce && RecordKinds::salesforceObjectTypes(kind()).size() > 1)
        setSalesforceType(objectType);
    m_jumpKey = recordKey;
    side(system).model->reveal(recordKey);
}

QString RecordsPanel::counterpartMessage() const
{
    return m_message->text();
}

void RecordsPanel::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setAccessibleDescription(text);
}

} // namespace msi::ui
