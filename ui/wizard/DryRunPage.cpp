#include "ui/wizard/DryRunPage.h"

#include "setup/SetupController.h"
#include "sync/RunOptions.h"
#include "sync/SyncTypes.h"
#include "ui/wizard/StatusLabel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace msi::ui {

using State = StatusLabel::State;
using sync::RecordAction;
using sync::SyncTypes;

namespace {
const QList<RecordAction> &columns()
{
    static const QList<RecordAction> list{RecordAction::Create,  RecordAction::Update,
                                          RecordAction::Unchanged, RecordAction::Blocked,
                                          RecordAction::Invalid, RecordAction::Deferred,
                                          RecordAction::Skipped};
    return list;
}
} // namespace

DryRunPage::DryRunPage(setup::SetupController *controller, QWidget *parent)
    : QWizardPage(parent), m_controller(controller)
{
    setObjectName(QStringLiteral("dryRunPage"));
    setTitle(tr("First dry run"));
    setSubTitle(tr("What the first sync would do, stage by stage, from the data as it is now. "
                   "Nothing is written to Salesforce or Marketo."));
    setFinalPage(true);

    m_status = new StatusLabel(this);
    m_status->setObjectName(QStringLiteral("dryRunStatus"));
    m_stages = new QTableWidget(0, int(columns().size()) + 1, this);
    m_stages->setObjectName(QStringLiteral("dryRunStages"));
    m_stages->setAccessibleName(tr("Plan of the first sync by stage"));
    QStringList headers{tr("Stage")};
    for (RecordAction a : columns())
        headers << SyncTypes::actionTitle(a);
    m_stages->setHorizontalHeaderLabels(headers);
    m_stages->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_stages->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stages->verticalHeader()->setVisible(false);
    m_stages->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < m_stages->columnCount(); ++c)
        m_stages->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_estimate = new StatusLabel(this);
    m_estimate->setObjectName(QStringLiteral("dryRunEstimate"));
    auto *findingsLabel = new QLabel(tr("&Findings:"), this);
    m_findings = new QListWidget(this);
    m_findings->setObjectName(QStringLiteral("dryRunFindings"));
    m_findings->setAccessibleName(tr("Findings of the dry run"));
    m_findings->setWordWrap(true);
    findingsLabel->setBuddy(m_findings);
    m_again = new QPushButton(tr("Run the dry run &again"), this);
    m_again->setObjectName(QStringLiteral("dryRunAgain"));
    m_again->setEnabled(false);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_estimate, 1);
    bottom->addWidget(m_again, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_stages, 3);
    layout->addLayout(bottom);
    layout->addWidget(findingsLabel);
    layout->addWidget(m_findings, 2);

    connect(m_again, &QPushButton::clicked, this, &DryRunPage::start);
    connect(m_controller, &setup::SetupController::dryRunPhase, this,
            [this](const QString &text) { m_status->setState(State::Busy, text); });
    connect(m_controller, &setup::SetupController::dryRunFinished, this, &DryRunPage::showResult);
}

void DryRunPage::initializePage()
{
    start();
}

void DryRunPage::start()
{
    m_done = false;
    m_again->setEnabled(false);
    m_stages->setRowCount(0);
    m_findings->clear();
    m_estimate->setState(State::Idle, QString());
    emit completeChanged();
    m_status->setState(State::Busy, tr("Reading both systems…"));
    m_controller->runDryRun();
}

void DryRunPage::showResult(const sync::RunResult &result)
{
    m_done = true;
    m_again->setEnabled(true);
    const bool ok = result.status == sync::RunResult::Status::Succeeded
            || result.status == sync::RunResult::Status::Findings;
    m_status->setState(ok ? State::Ok : State::Error, result.message);
    const QJsonArray stages = result.plan.value(u"stages").toArray();
    m_stages->setRowCount(int(stages.size()));
    for (int row = 0; row < stages.size(); ++row) {
        const QJsonObject s = stages.at(row).toObject();
        sync::Stage stage;
        const QString key = s.value(u"stage").toString();
        const QString title = SyncTypes::parseStage(key, &stage)
                ? QStringLiteral("%1. %2").arg(int(stage)).arg(SyncTypes::stageTitle(stage))
                : key;
        m_stages->setItem(row, 0, new QTableWidgetItem(title));
        const QJsonObject counts = s.value(u"counts").toObject();
        for (int c = 0; c < columns().size(); ++c) {
            const RecordAction action = columns().at(c);
            const int n = counts.value(SyncTypes::actionKey(action)).toInt();
            auto *item = new QTableWidgetItem(QString::number(n));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (n > 0 && (action == RecordAction::Blocked || action == RecordAction::Invalid))
                item->setBackground(QColor(0xf8, 0xd7, 0xda));
            else if (n > 0 && (action == RecordAction::Deferred || action == RecordAction::Skipped))
                item->setBackground(QColor(0xff, 0xf3, 0xcd));
            if (item->background().style() != Qt::NoBrush)
                item->setForeground(QColor(0x20, 0x20, 0x20));
            m_stages->setItem(row, c + 1, item);
        }
    }
    if (!result.estimate.stages.isEmpty())
        m_estimate->setState(result.estimate.fits() ? State::Ok : State::Warning,
                             result.estimate.summary());
    const QJsonArray findings = result.plan.value(u"findings").toArray();
    for (const QJsonValue &v : findings) {
        const QJsonObject f = v.toObject();
        const QString key = f.value(u"severity").toString();
        const QString severity = key == u"error" ? tr("Error")
                : key == u"warning"              ? tr("Warning")
                                                 : tr("Info");
        auto *item = new QListWidgetItem(QStringLiteral("[%1] %2").arg(severity,
                                                                       f.value(u"message").toString()));
        item->setToolTip(f.value(u"code").toString());
        m_findings->addItem(item);
    }
    if (findings.isEmpty() && ok)
        m_findings->addItem(tr("No findings: every record can be synced as planned."));
    emit completeChanged();
}

bool DryRunPage::isComplete() const
{
    return m_done;
}

} // namespace msi::ui
