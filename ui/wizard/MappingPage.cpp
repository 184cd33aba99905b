#include "ui/wizard/MappingPage.h"

#include "setup/SetupController.h"
#include "ui/wizard/StatusLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace msi::ui {

using setup::MappingLine;
using State = StatusLabel::State;

MappingPage::MappingPage(setup::SetupController *controller, QWidget *parent)
    : QWizardPage(parent), m_controller(controller)
{
    setObjectName(QStringLiteral("mappingPage"));
    setTitle(tr("Mapping"));
    setSubTitle(tr("What each stage sends to Marketo and which MSI values come back to "
                   "Salesforce. Highlighted lines need a decision or cannot work yet."));

    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("mappingTable"));
    m_table->setAccessibleName(tr("Proposed mapping"));
    m_table->setHorizontalHeaderLabels({tr("Stage"), tr("From"), tr("To"), tr("Note")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->setVisible(false);
    // Heights follow the real column widths (also after a resize), not those before showing.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(1, 175);
    m_table->setColumnWidth(2, 265);

    m_fallback = new QComboBox(this);
    m_fallback->setObjectName(QStringLiteral("fallbackSalesPerson"));
    m_fallback->setAccessibleName(tr("Sales person for records owned by a queue"));
    m_opportunityBox = new QWidget(this);
    auto *oppLayout = new QHBoxLayout(m_opportunityBox);
    oppLayout->setContentsMargins(0, 0, 0, 0);
    m_summary = new StatusLabel(this);
    m_summary->setObjectName(QStringLiteral("mappingSummary"));
    m_saveStatus = new StatusLabel(this);
    m_saveStatus->setObjectName(QStringLiteral("saveStatus"));

    auto *form = new QFormLayout;
    form->addRow(tr("Sales person for &queue-owned records:"), m_fallback);
    form->addRow(tr("Optional opportunity fields:"), m_opportunityBox);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_saveStatus);

    connect(m_fallback, &QComboBox::currentIndexChanged, this, &MappingPage::applyChoices);
    connect(m_controller, &setup::SetupController::saved, this, &MappingPage::showSaved);
}

void MappingPage::initializePage()
{
    m_filling = true;
    const setup::MappingProposal &p = m_controller->mapping();
    m_fallback->clear();
    m_fallback->addItem(tr("None: block records owned by a queue"), QString());
    for (const auto &[id, label] : p.salesPersonChoices)
        m_fallback->addItem(label, id);
    const int current = m_fallback->findData(p.fallbackSalesPerson());
    m_fallback->setCurrentIndex(current < 0 ? 0 : current);

    qDeleteAll(m_opportunityFields);
    m_opportunityFields.clear();
    for (const QString &f : p.optionalOpportunityFields) {
        auto *box = new QCheckBox(f, m_opportunityBox);
        box->setObjectName(QStringLiteral("opportunityField-") + f);
        box->setChecked(p.policy.extraOpportunityFields.contains(f));
        connect(box, &QCheckBox::toggled, this, &MappingPage::applyChoices);
        m_opportunityBox->layout()->addWidget(box);
        m_opportunityFields << box;
    }
    m_opportunityBox->setEnabled(!m_opportunityFields.isEmpty());
    m_filling = false;
    showLines();
}

void MappingPage::applyChoices()
{
    if (m_filling)
        return;
    setup::MappingProposal &p = m_controller->mapping();
    p.setFallbackSalesPerson(m_fallback->currentData().toString());
    QStringList fields;
    for (QCheckBox *box : std::as_const(m_opportunityFields))
        if (box->isChecked())
            fields << box->text();
    if (!m_opportunityFields.isEmpty())
        p.setOpportunityFields(fields);
    showLines();
}

void MappingPage::showLines()
{
    const setup::MappingProposal &p = m_controller->mapping();
    m_table->setRowCount(int(p.lines.size()));
    for (int row = 0; row < p.lines.size(); ++row) {
        const MappingLine &l = p.lines.at(row);
        QString note = l.note;
        QColor background;
        if (l.state == MappingLine::State::NeedsDecision) {
            note = tr("Decide: %1").arg(l.note);
            background = QColor(0xff, 0xf3, 0xcd);
        } else if (l.state == MappingLine::State::Unavailable) {
            note = tr("Blocked: %1").arg(l.note);
            background = QColor(0xf8, 0xd7, 0xda);
        }
        const QStringList cells{l.stage, l.from, l.to, note};
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = new QTableWidgetItem(cells.at(col));
            item->setToolTip(cells.at(col));
            if (background.isValid())
                item->setBackground(background);
            if (background.isValid())
                item->setForeground(QColor(0x20, 0x20, 0x20));
            m_table->setItem(row, col, item);
        }
    }
    const int decide = p.count(MappingLine::State::NeedsDecision);
    const int blocked = p.count(MappingLine::State::Unavailable);
    if (blocked > 0)
        m_summary->setState(State::Error,
                            tr("%n line(s) cannot work until the readiness failures are fixed; ",
                               nullptr, blocked)
                                    + tr("%n line(s) need a decision.", nullptr, decide));
    else if (decide > 0)
        m_summary->setState(State::Warning, tr("%n line(s) need a decision; the proposal is used "
                                               "as shown if you go on.", nullptr, decide));
    else
        m_summary->setState(State::Ok, tr("The mapping is complete."));
}

bool MappingPage::validatePage()
{
    applyChoices();
    if (m_controller->isSaved())
        return true;
    if (!m_saving) {
        m_saving = true;
        m_saveStatus->setState(State::Busy, tr("Saving the workspace…"));
        m_controller->saveWorkspace();
    }
    return false; // showSaved() moves on once the keychain has answered
}

void MappingPage::showSaved(bool ok, const QString &message)
{
    m_saving = false;
    m_saveStatus->setState(ok ? State::Ok : State::Error, message);
    if (!ok || !wizard() || wizard()->currentPage() != this)
        return;
    if (isFinalPage())
        wizard()->accept();
    else
        wizard()->next();
}

} // namespace msi::ui
