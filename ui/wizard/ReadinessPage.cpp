#include "ui/wizard/ReadinessPage.h"

#include "setup/SetupController.h"
#include "ui/wizard/StatusLabel.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace msi::ui {

using setup::ReadinessCheck;
using setup::Verdict;
using State = StatusLabel::State;

namespace {
State stateOf(Verdict v)
{
    switch (v) {
    case Verdict::Pending: return State::Busy;
    case Verdict::Pass: return State::Ok;
    case Verdict::Warning: return State::Warning;
    case Verdict::Fail: return State::Error;
    }
    return State::Idle;
}

QLabel *wrapped(QWidget *parent, const QString &name)
{
    auto *l = new QLabel(parent);
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return l;
}
} // namespace

ReadinessPage::ReadinessPage(setup::SetupController *controller, QWidget *parent)
    : QWizardPage(parent), m_controller(controller)
{
    setObjectName(QStringLiteral("readinessPage"));
    setTitle(tr("Readiness"));
    setSubTitle(tr("Each prerequisite of a non-native MSI integration, checked against the live "
                   "systems. Nothing is changed in either system."));

    auto *list = new QWidget;
    auto *grid = new QGridLayout(list);
    grid->setColumnStretch(1, 1);
    grid->setVerticalSpacing(4);
    int row = 0;
    for (setup::ReadinessItem item : ReadinessCheck::allItems()) {
        const QString key = ReadinessCheck::key(item);
        Row r;
        r.verdict = new StatusLabel(list);
        r.verdict->setObjectName(QStringLiteral("verdict-") + key);
        r.verdict->setMinimumWidth(110);
        r.verdict->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        r.verdict->setWordWrap(false);
        auto *title = new QLabel(ReadinessCheck::title(item), list);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        r.detail = wrapped(list, QStringLiteral("detail-") + key);
        r.fix = wrapped(list, QStringLiteral("fix-") + key);
        r.fix->setIndent(12);
        grid->addWidget(r.verdict, row, 0, 3, 1);
        grid->addWidget(title, row, 1);
        grid->addWidget(r.detail, row + 1, 1);
        grid->addWidget(r.fix, row + 2, 1);
        if (row > 0) {
            auto *line = new QFrame(list);
            line->setFrameShape(QFrame::HLine);
            line->setFrameShadow(QFrame::Sunken);
            grid->addWidget(line, row - 1, 0, 1, 2);
        }
        row += 4;
        m_rows.insert(item, r);
    }
    grid->setRowStretch(row, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("readinessList"));
    scroll->setWidgetResizable(true);
    scroll->setWidget(list);
    scroll->setFrameShape(QFrame::StyledPanel);

    m_summary = new StatusLabel(this);
    m_summary->setObjectName(QStringLiteral("readinessSummary"));
    m_again = new QPushButton(tr("Check &again"), this);
    m_again->setObjectName(QStringLiteral("readinessAgain"));
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(m_again, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addLayout(bottom);

    connect(m_again, &QPushButton::clicked, this, &ReadinessPage::run);
    connect(m_controller, &setup::SetupController::readinessFinished, this,
            &ReadinessPage::showSummary);
}

void ReadinessPage::initializePage()
{
    run();
}

void ReadinessPage::run()
{
    m_again->setEnabled(false);
    m_summary->setState(State::Busy, tr("Checking both systems…"));
    m_controller->runReadiness();
    if (auto *checker = m_controller->readinessChecker()) {
        connect(checker, &setup::ReadinessChecker::checkChanged, this, &ReadinessPage::showCheck,
                Qt::UniqueConnection);
        for (const ReadinessCheck &c : checker->report().checks)
            showCheck(c);
    }
    emit completeChanged();
}

void ReadinessPage::showCheck(const ReadinessCheck &check)
{
    const Row r = m_rows.value(check.item);
    if (!r.verdict)
        return;
    r.verdict->setState(stateOf(check.verdict), ReadinessCheck::verdictName(check.verdict));
    r.verdict->setAccessibleName(check.title() + QStringLiteral(": ")
                                 + ReadinessCheck::verdictName(check.verdict));
    r.detail->setText(check.detail);
    r.detail->setVisible(!check.detail.isEmpty());
    r.fix->setText(check.fix.isEmpty() ? QString() : tr("Fix: %1").arg(check.fix));
    r.fix->setVisible(!check.fix.isEmpty());
}

void ReadinessPage::showSummary(const setup::ReadinessReport &report)
{
    m_again->setEnabled(true);
    for (const ReadinessCheck &c : report.checks)
        showCheck(c);
    const int failed = report.count(Verdict::Fail);
    const int warned = report.count(Verdict::Warning);
    if (failed > 0)
        m_summary->setState(State::Error,
                            tr("%n check(s) failed: the first sync will not work until they are "
                               "fixed. You can still finish the setup and see the dry run.",
                               nullptr, failed));
    else if (warned > 0)
        m_summary->setState(State::Warning, tr("Ready, with %n warning(s).", nullptr, warned));
    else
        m_summary->setState(State::Ok, tr("Both systems are ready for MSI non-native sync."));
    emit completeChanged();
}

bool ReadinessPage::isComplete() const
{
    return m_controller->hasMapping() && !m_controller->isReadinessRunning();
}

} // namespace msi::ui
