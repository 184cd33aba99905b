#pragma once

#include "setup/ReadinessChecker.h"
#include "sync/SyncPolicy.h"
#include "tables/FieldCatalog.h"
#include "tables/FieldMapping.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace msi::setup {

// One line of the proposed mapping as the wizard shows it.
struct MappingLine
{
    enum class State {
        Ready,          // works as proposed
        NeedsDecision,  // the admin should look or choose (highlighted)
        Unavailable,    // cannot work until something is fixed (highlighted, with the fix)
    };
    QString stage;      // sync::SyncTypes::stageTitle()
    QString from;       // "Contact.Id", "leads.priority", ...
    QString to;         // "leads.externalPersonId", "Lead.mkto_si__Priority__c", ...
    State state = State::Ready;
    QString note;       // the check's words, or why it needs a decision / what to fix
    int row = -1;       // index into mapping.rows; -1 for the decision lines
};

// The default field mapping (tables::FieldMapping::defaults) for a new workspace, checked
// against the field catalog read from the live systems during the readiness run
// (FieldMapping::check) and against the readiness verdicts, plus the two choices a first sync
// needs: a sales person for records owned by a queue, and the optional opportunity fields this
// Marketo instance offers.
class MappingProposal final
{
    Q_DECLARE_TR_FUNCTIONS(msi::setup::MappingProposal)
public:
    tables::FieldCatalog catalog;
    tables::FieldMapping mapping;          // saved as the workspace's first mapping version
    QList<MappingLine> lines;
    sync::SyncPolicy policy;               // what a run will do with these choices
    QStringList optionalOpportunityFields; // offered by this instance (closeDate, isWon, ...)
    QList<QPair<QString, QString>> salesPersonChoices; // 18-char User ID, "Name <e-mail>"

    static tables::FieldCatalog catalogFrom(const SchemaSnapshot &schema);
    static MappingProposal propose(const SchemaSnapshot &schema, const ReadinessReport &readiness,
                                   const QList<QJsonObject> &activeUsers);
    int count(MappingLine::State state) const;
    // "" = block records owned by a queue.
    void setFallbackSalesPerson(const QString &userId18);
    QString fallbackSalesPerson() const { return policy.fallbackSalesPersonId; }
    void setOpportunityFields(const QStringList &fields);

private:
    int m_queueLine = -1;
    int m_opportunityLine = -1;
};

} // namespace msi::setup
