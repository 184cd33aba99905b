#include "ui/diagnosis/DiagnosisNode.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace msi::ui {

using checks::DiagnosisLink;

DiagnosisNode::DiagnosisNode(int linkIndex, const DiagnosisLink &link, QGraphicsItem *parent)
    : QGraphicsObject(parent)
    , m_index(linkIndex)
    , m_verdict(link.verdict)
    , m_title(linkTitle(link.link))
{
    setFlags(ItemIsSelectable | ItemIsFocusable);
    setAcceptHoverEvents(true);
    m_detail = link.verdict == DiagnosisLink::Verdict::Pass
        ? DiagnosisLink::verdictLabel(link.verdict)
        : DiagnosisLink::problemLabel(link.problem);
    if (!link.subject.isEmpty())
        m_title += u' ' + link.subject.left(15) + u'…';
    setToolTip(link.cause);
    setObjectName(link.link);
}

QString DiagnosisNode::linkTitle(const QString &link)
{
    static const QHash<QString, const char *> titles{
        {QStringLiteral("person"), QT_TR_NOOP("Person in Marketo")},
        {QStringLiteral("person.email"), QT_TR_NOOP("Person e-mail")},
        {QStringLiteral("salesperson.link"), QT_TR_NOOP("Owner link")},
        {QStringLiteral("salesperson"), QT_TR_NOOP("Sales person")},
        {QStringLiteral("salesperson.email"), QT_TR_NOOP("Sales person e-mail")},
        {QStringLiteral("company.link"), QT_TR_NOOP("Company link")},
        {QStringLiteral("company"), QT_TR_NOOP("Company")},
        {QStringLiteral("company.owner"), QT_TR_NOOP("Company owner")},
        {QStringLiteral("company.people"), QT_TR_NOOP("Company people")},
        {QStringLiteral("opportunity"), QT_TR_NOOP("Opportunity")},
        {QStringLiteral("role"), QT_TR_NOOP("Opportunity role")},
        {QStringLiteral("scores.marketo"), QT_TR_NOOP("Scores in Marketo")},
        {QStringLiteral("scores.salesforce"), QT_TR_NOOP("Scores in Salesforce")},
        {QStringLiteral("scores.access"), QT_TR_NOOP("MSI field access")},
    };
    const char *title = titles.value(link);
    return title ? tr(title) : link;
}

QColor DiagnosisNode::fillColor(DiagnosisLink::Verdict verdict)
{
    switch (verdict) {
    case DiagnosisLink::Verdict::Pass: return QColor(0xc8, 0xe6, 0xc9);
    case DiagnosisLink::Verdict::Warn: return QColor(0xff, 0xf0, 0xb3);
    case DiagnosisLink::Verdict::Fail: return QColor(0xff, 0xcd, 0xd2);
    }
    return Qt::white;
}

QColor DiagnosisNode::borderColor(DiagnosisLink::Verdict verdict)
{
    switch (verdict) {
    case DiagnosisLink::Verdict::Pass: return QColor(0x2e, 0x7d, 0x32);
    case DiagnosisLink::Verdict::Warn: return QColor(0xb2, 0x6a, 0x00);
    case DiagnosisLink::Verdict::Fail: return QColor(0xc6, 0x28, 0x28);
    }
    return Qt::black;
}

QRectF DiagnosisNode::boundingRect() const
{
    return QRectF(-2, -2, kWidth + 4, kHeight + 4);
}

void DiagnosisNode::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const bool selected = option->state & QStyle::State_Selected;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(borderColor(m_verdict), selected ? 4 : 1.5));
    painter->setBrush(fillColor(m_verdict));
    painter->drawRoundedRect(QRectF(0, 0, kWidth, kHeight), 8, 8);
    painter->setPen(Qt::black);
    QFont font = painter->font();
    font.setBold(true);
    painter->setFont(font);
    const QString mark = m_verdict == checks::DiagnosisLink::Verdict::Pass ? QStringLiteral("✔")
        : m_verdict == checks::DiagnosisLink::Verdict::Warn                ? QStringLiteral("!")
                                                                            : QStringLiteral("✖");
    painter->drawText(QRectF(8, 4, kWidth - 16, 24), Qt::AlignLeft | Qt::AlignVCenter,
                      mark + u' ' + m_title);
    font.setBold(false);
    painter->setFont(font);
    painter->drawText(QRectF(8, 28, kWidth - 16, 26), Qt::AlignLeft | Qt::AlignVCenter,
                      painter->fontMetrics().elidedText(m_detail, Qt::ElideRight, int(kWidth - 16)));
}

} // namespace msi::ui
