#pragma once

#include "checks/Diagnosis.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>

namespace msi::ui {

// What a diagnosed chain means for drawing it: which link each link hangs off (the dependency
// MSI's chain implies: record → person → owner link → sales person → its e-mail, person → company
// link → company → opportunities → their roles, person → scores), which broken link keeps a
// blocked one from being checked, and names people recognise instead of bare IDs.
class ChainGraph final
{
    Q_DECLARE_TR_FUNCTIONS(msi::ui::ChainGraph)
public:
    static constexpr int kRecord = -1; // the diagnosed record itself, as a parent
    // The Name of a Salesforce record by 18-character ID, empty when unknown (the caller's data).
    using NameOf = std::function<QString(const QString &id18)>;

    explicit ChainGraph(const checks::Diagnosis &diagnosis, const NameOf &nameOf = {});

    qsizetype size() const { return m_nodes.size(); }
    // kRecord or the index of the link this one hangs off.
    int parent(int link) const { return m_nodes.at(link).parent; }
    QList<int> children(int link) const; // kRecord for the record's own; in link order
    // The record's own twin in Marketo (the person of a Lead or Contact, the company of an Account,
    // the opportunity of an Opportunity): drawn right under the record.
    bool isSelf(int link) const { return m_nodes.at(link).self; }
    // Skipped because an earlier link is broken (problem "blocked"); its verdict stays Fail.
    bool isNotChecked(int link) const { return m_nodes.at(link).notChecked; }
    // The broken link that keeps this one from being checked; -1 when not blocked or not drawn.
    int blocker(int link) const { return m_nodes.at(link).blocker; }

    // "Opportunity", "Opportunity role"
    QString kind(int link) const;
    // A short name for the node: "United Oil Installations", "Decision Maker"; empty when the
    // link is about the diagnosed record itself.
    QString name(int link) const { return m_nodes.at(link).name; }
    // What tells apart records of the same name ("2024-02-08"); empty when the name is unique.
    QString nameSuffix(int link) const { return m_nodes.at(link).suffix; }
    // The name with everything that identifies it: "Decision Maker on United Oil Installations
    // (2024-02-08)"; empty as name().
    QString fullName(int link) const;
    // "Opportunity: United Oil Installations (2024-02-08)", or the kind alone.
    QString title(int link) const;
    // "not checked: Person in Marketo" (what a blocked node says: the broken link it waits for),
    // empty when the link was checked.
    QString notCheckedText(int link) const;

private:
    struct Node
    {
        int parent = kRecord;
        int blocker = -1;
        bool self = false;
        bool notChecked = false;
        QString name;
        QString suffix;
        QString context; // for roles: "on <opportunity>" when the placement does not show it
    };
    int first(const QString &link) const;
    int opportunityOf(int role) const;
    int findBlocker(int link) const;
    void nameLinks(const NameOf &nameOf);

    checks::Diagnosis m_diagnosis; // shared JSON: a cheap copy
    QList<Node> m_nodes;
};

} // namespace msi::ui
