#pragma once

#include "setup/ReadinessChecker.h"
#include "sync/SyncPolicy.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace msi::setup {

// One line of the proposed mapping: what is sent where, and whether the admin must decide.
struct MappingLine
{
    enum class State {
        Ready,          // works as proposed
        NeedsDecision,  // the admin should choose (highlighted)
        Unavailable,    // cannot work until something is fixed (highlighted, with the fix)
    };
    QString stage;      // sync::SyncTypes::stageTitle()
    QString salesforce; // "Contact.Id", "Lead.mkto_si__Priority__c", ...
    QString marketo;    // "leads.externalPersonId", ...
    State state = State::Ready;
    QString note;       // why it needs a decision / what to fix
};

// The default mapping proposed for a new workspace, judged against what the readiness run read
// from the live systems: the external-ID keys of the five MSI stages, how people are matched,
// the optional opportunity fields the instance offers, the MSI values written back, and the
// sales person for records owned by a queue.
class MappingProposal final
{
    Q_DECLARE_TR_FUNCTIONS(msi::setup::MappingProposal)
public:
    QList<MappingLine> lines;
    sync::SyncPolicy policy;            // what a run will do with these choices
    QStringList optionalOpportunityFields; // offered by this instance (closeDate, isWon, ...)
    QList<QPair<QString, QString>> salesPersonChoices; // 18-char User ID, "Name <e-mail>"

    static MappingProposal propose(const SchemaSnapshot &schema, const ReadinessReport &readiness,
                                   const QList<QJsonObject> &activeUsers);
    int count(MappingLine::State state) const;
    // Applies the admin's choices: the fallback sales person ("" = block queue-owned records)
    // and which optional opportunity fields to send.
    void setFallbackSalesPerson(const QString &userId18);
    void setOpportunityFields(const QStringList &fields);
    QString fallbackSalesPerson() const { return policy.fallbackSalesPersonId; }

private:
    int m_queueLine = -1;
    int m_opportunityLine = -1;
};

} // namespace msi::setup
