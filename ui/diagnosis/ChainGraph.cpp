#include "ui/diagnosis/ChainGraph.h"

#include "checks/Records.h"
#include "ui/diagnosis/DiagnosisNode.h"

#include <QHash>

namespace msi::ui {

using checks::DiagnosisLink;
using checks::Records;

namespace {
const QString kName = QStringLiteral("Name");
} // namespace

ChainGraph::ChainGraph(const checks::Diagnosis &diagnosis, const NameOf &nameOf)
    : m_diagnosis(diagnosis)
    , m_nodes(diagnosis.links.size())
{
    const QList<DiagnosisLink> &links = m_diagnosis.links;
    const QString recordId = Records::id18(m_diagnosis.record, QStringLiteral("Id"));
    const QString type = m_diagnosis.recordType;
    for (int i = 0; i < links.size(); ++i) {
        const DiagnosisLink &l = links.at(i);
        m_nodes[i].notChecked = l.problem == u"blocked";
        m_nodes[i].self = (l.link == u"person" && (type == u"Contact" || type == u"Lead"))
            || (l.link == u"company" && type == u"Account" && l.subject == recordId)
            || (l.link == u"opportunity" && type == u"Opportunity" && l.subject == recordId);
    }
    const int person = first(QStringLiteral("person"));
    const int ownerLink = first(QStringLiteral("salesperson.link"));
    const int salesPerson = first(QStringLiteral("salesperson"));
    const int companyLink = first(QStringLiteral("company.link"));
    const int company = first(QStringLiteral("company"));
    const int scoresMarketo = first(QStringLiteral("scores.marketo"));
    auto firstOf = [](std::initializer_list<int> candidates) {
        for (int c : candidates) {
            if (c >= 0)
                return c;
        }
        return kRecord;
    };
    for (int i = 0; i < links.size(); ++i) {
        const QString &link = links.at(i).link;
        int parent = kRecord;
        if (m_nodes.at(i).self || link == u"scores.access")
            parent = kRecord;
        else if (link == u"person.email" || link == u"salesperson.link" || link == u"company.link"
                 || link == u"scores.marketo")
            parent = firstOf({person});
        else if (link == u"salesperson")
            parent = firstOf({ownerLink});
        else if (link == u"salesperson.email")
            parent = firstOf({salesPerson, ownerLink});
        else if (link == u"company")
            parent = firstOf({companyLink, person});
        else if (link == u"company.owner" || link == u"company.people")
            parent = firstOf({company});
        else if (link == u"opportunity")
            parent = firstOf({company});
        else if (link == u"role")
            parent = firstOf({opportunityOf(i), person});
        else if (link == u"scores.salesforce")
            parent = firstOf({scoresMarketo, person});
        m_nodes[i].parent = parent == i ? kRecord : parent;
    }
    for (int i = 0; i < links.size(); ++i)
        m_nodes[i].blocker = findBlocker(i);
    nameLinks(nameOf);
}

int ChainGraph::first(const QString &link) const
{
    for (int i = 0; i < m_diagnosis.links.size(); ++i) {
        if (m_diagnosis.links.at(i).link == link)
            return i;
    }
    return -1;
}

// The opportunity node a role belongs to: its OpportunityId, else an opportunity among its
// references.
int ChainGraph::opportunityOf(int role) const
{
    const DiagnosisLink &r = m_diagnosis.links.at(role);
    QStringList wanted{Records::id18(r.salesforceRecord, QStringLiteral("OpportunityId"))};
    wanted += r.records;
    for (const QString &id : std::as_const(wanted)) {
        if (id.isEmpty())
            continue;
        for (int i = 0; i < m_diagnosis.links.size(); ++i) {
            const DiagnosisLink &l = m_diagnosis.links.at(i);
            if (l.link == u"opportunity" && l.subject == id)
                return i;
        }
    }
    return -1;
}

int ChainGraph::findBlocker(int link) const
{
    if (!m_nodes.at(link).notChecked)
        return -1;
    const QString &name = m_diagnosis.links.at(link).link;
    // What the check needed first: the person's Marketo lead for everything read from it, the
    // sales person for its e-mail, the company for its owner and people; else up the chain.
    QList<int> candidates;
    if (name != u"person" && name != u"salesperson" && name != u"company")
        candidates.append(first(QStringLiteral("person")));
    if (name == u"salesperson.email")
        candidates = {first(QStringLiteral("salesperson")), first(QStringLiteral("salesperson.link"))};
    if (name == u"company.owner" || name == u"company.people")
        candidates = {first(QStringLiteral("company"))};
    for (int up = m_nodes.at(link).parent; up >= 0; up = m_nodes.at(up).parent)
        candidates.append(up);
    for (int c : std::as_const(candidates)) {
        if (c < 0 || c == link)
            continue;
        const DiagnosisLink &l = m_diagnosis.links.at(c);
        if (l.verdict != DiagnosisLink::Verdict::Pass && !m_nodes.at(c).notChecked)
            return c;
    }
    return -1;
}

void ChainGraph::nameLinks(const NameOf &nameOf)
{
    const QList<DiagnosisLink> &links = m_diagnosis.links;
    const QString recordId = Records::id18(m_diagnosis.record, QStringLiteral("Id"));
    auto nameOfId = [&](const QString &id) {
        const QString known = nameOf && !id.isEmpty() ? nameOf(id) : QString();
        return known.isEmpty() ? id : known;
    };
    for (int i = 0; i < links.size(); ++i) {
        const DiagnosisLink &l = links.at(i);
        Node &n = m_nodes[i];
        if (l.link == u"role")
            continue; // below, once the opportunities are named
        if (n.self) {
            n.name = Records::text(m_diagnosis.record, kName);
            if (l.link == u"person")
                n.name.clear(); // the record's box names the person
        } else if (!l.subject.isEmpty() && l.subject != recordId) {
            // The subject's own record when the link carries it (opportunity, account, user).
            const QString own = Records::id18(l.salesforceRecord, QStringLiteral("Id")) == l.subject
                ? Records::text(l.salesforceRecord, kName)
                : QString();
            n.name = own.isEmpty() ? nameOfId(l.subject) : own;
        }
    }
    // Opportunities of the same name (three "United Oil Installations"): the close date, else
    // the ID, tells them apart.
    QHash<QString, int> sameName;
    for (int i = 0; i < links.size(); ++i) {
        if (links.at(i).link == u"opportunity")
            ++sameName[m_nodes.at(i).name];
    }
    for (int i = 0; i < links.size(); ++i) {
        const DiagnosisLink &l = links.at(i);
        if (l.link != u"opportunity" || sameName.value(m_nodes.at(i).name) < 2)
            continue;
        const QString date = Records::text(l.salesforceRecord, QStringLiteral("CloseDate"));
        m_nodes[i].suffix = date.isEmpty() ? l.subject : date;
    }
    for (int i = 0; i < links.size(); ++i) {
        const DiagnosisLink &l = links.at(i);
        if (l.link != u"role")
            continue;
        Node &n = m_nodes[i];
        const QJsonObject &role = l.salesforceRecord;
        const QString roleName = Records::text(role, QStringLiteral("Role"));
        n.name = roleName.isEmpty() ? (l.subject.isEmpty() ? QString() : l.subject) : roleName;
        const QString contact = Records::id18(role, QStringLiteral("ContactId"));
        if (!contact.isEmpty() && contact != recordId)
            n.name = tr("%1 · %2").arg(n.name, nameOfId(contact));
        const int opp = opportunityOf(i);
        const QString oppId = Records::id18(role, QStringLiteral("OpportunityId"));
        QString oppName;
        if (opp >= 0)
            oppName = fullName(opp);
        else if (!oppId.isEmpty() && oppId == recordId)
            oppName = Records::text(m_diagnosis.record, kName);
        else if (!oppId.isEmpty())
            oppName = nameOfId(oppId);
        if (!oppName.isEmpty())
            n.context = tr("on %1").arg(oppName);
        // Drawn under its opportunity, a role needs no more; elsewhere it names the opportunity.
        if (n.parent != opp && !(opp < 0 && oppId == recordId) && !oppName.isEmpty())
            n.suffix = n.context;
    }
}

QList<int> ChainGraph::children(int link) const
{
    QList<int> out;
    for (int i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes.at(i).parent == link)
            out.append(i);
    }
    return out;
}

QString ChainGraph::kind(int link) const
{
    return DiagnosisNode::linkTitle(m_diagnosis.links.at(link).link);
}

QString ChainGraph::fullName(int link) const
{
    const Node &n = m_nodes.at(link);
    QString out = n.name;
    if (m_diagnosis.links.at(link).link == u"role") {
        if (!n.context.isEmpty())
            out = tr("%1 %2").arg(out, n.context);
        return out;
    }
    if (!n.suffix.isEmpty())
        out = tr("%1 (%2)").arg(out, n.suffix);
    return out;
}

QString ChainGraph::title(int link) const
{
    const QString name = fullName(link);
    return name.isEmpty() ? kind(link) : tr("%1: %2").arg(kind(link), name);
}

QString ChainGraph::notCheckedText(int link) const
{
    if (!isNotChecked(link))
        return {};
    const int by = blocker(link);
    return by < 0 ? tr("not checked") : tr("not checked: %1").arg(kind(by));
}

} // namespace msi::ui
