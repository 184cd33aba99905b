#include "ui/diagnosis/DiagnosisNode.h"

#include "ui/diagnosis/ChainGraph.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QTextLayout>

namespace msi::ui {

using checks::DiagnosisLink;

namespace {
constexpr qreal kPadding = 8;

// The text in at most maxLines lines of width, the last one elided.
QStringList wrapped(const QString &text, const QFont &font, qreal width, int maxLines)
{
    const QFontMetrics metrics(font);
    QStringList lines;
    QTextLayout layout(text, font);
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        if (lines.size() == maxLines - 1) {
            lines.append(metrics.elidedText(text.mid(line.textStart()).simplified(), Qt::ElideRight,
                                            int(width)));
            break;
        }
        lines.append(text.mid(line.textStart(), line.textLength()).trimmed());
    }
    layout.endLayout();
    return lines;
}
} // namespace

DiagnosisNode::DiagnosisNode(int linkIndex, const DiagnosisLink &link, const ChainGraph &graph,
                             qreal width, QGraphicsItem *parent)
    : QGraphicsObject(parent)
    , m_index(linkIndex)
    , m_verdict(link.verdict)
    , m_notChecked(graph.isNotChecked(linkIndex))
    , m_width(width)
    , m_kind(graph.kind(linkIndex))
    , m_name(graph.name(linkIndex))
    , m_suffix(graph.nameSuffix(linkIndex))
    , m_title(graph.title(linkIndex))
{
    setFlags(ItemIsSelectable | ItemIsFocusable);
    setAcceptHoverEvents(true);
    if (m_notChecked)
        m_detail = graph.notCheckedText(linkIndex);
    else
        m_detail = link.verdict == DiagnosisLink::Verdict::Pass
            ? DiagnosisLink::verdictLabel(link.verdict)
            : DiagnosisLink::problemLabel(link.problem);
    QStringList tip{m_title, m_detail};
    if (!link.subject.isEmpty() && !m_title.contains(link.subject))
        tip.append(link.subject);
    tip.append(link.cause);
    setToolTip(tip.join(u'\n'));
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

QColor DiagnosisNode::notCheckedFill()
{
    return QColor(0xee, 0xee, 0xee);
}

QColor DiagnosisNode::notCheckedBorder()
{
    return QColor(0x75, 0x75, 0x75);
}

QColor DiagnosisNode::shownFill() const
{
    return m_notChecked ? notCheckedFill() : fillColor(m_verdict);
}

QString DiagnosisNode::mark() const
{
    if (m_notChecked)
        return QStringLiteral("○");
    switch (m_verdict) {
    case DiagnosisLink::Verdict::Pass: return QStringLiteral("✔");
    case DiagnosisLink::Verdict::Warn: return QStringLiteral("!");
    case DiagnosisLink::Verdict::Fail: return QStringLiteral("✖");
    }
    return {};
}

QStringList DiagnosisNode::shownLines(const QFont &font) const
{
    const qreal width = m_width - 2 * kPadding;
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics metrics(font);
    QStringList lines{boldMetrics.elidedText(mark() + u' ' + m_kind, Qt::ElideRight, int(width))};
    if (m_name.isEmpty()) {
        lines += wrapped(m_detail, font, width, 2);
        return lines;
    }
    // The name, elided so that what tells it apart from a namesake stays visible.
    QString name = m_name;
    if (!m_suffix.isEmpty()) {
        const QString suffix = u" · "_qs + m_suffix;
        const int room = int(width) - metrics.horizontalAdvance(suffix);
        name = room > metrics.horizontalAdvance(u"Mmmm…"_qs)
            ? metrics.elidedText(m_name, Qt::ElideRight, room) + suffix
            : metrics.elidedText(m_name + suffix, Qt::ElideRight, int(width));
    } else {
        name = metrics.elidedText(name, Qt::ElideRight, int(width));
    }
    lines.append(name);
    lines.append(metrics.elidedText(m_detail, Qt::ElideRight, int(width)));
    return lines;
}

QRectF DiagnosisNode::boundingRect() const
{
    return QRectF(-2, -2, m_width + 4, kHeight + 4);
}

void DiagnosisNode::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const bool selected = option->state & QStyle::State_Selected;
    painter->setRenderHint(QPainter::Antialiasing);
    QPen border(m_notChecked ? notCheckedBorder() : borderColor(m_verdict), selected ? 4 : 1.5);
    if (m_notChecked && !selected)
        border.setStyle(Qt::DashLine);
    painter->setPen(border);
    painter->setBrush(shownFill());
    painter->drawRoundedRect(QRectF(0, 0, m_width, kHeight), 8, 8);

    const QFont base = painter->font();
    const QStringList lines = shownLines(base);
    const qreal spacing = QFontMetricsF(base).lineSpacing();
    qreal y = (kHeight - spacing * lines.size()) / 2;
    const QColor ink = m_notChecked ? QColor(0x42, 0x42, 0x42) : QColor(Qt::black);
    const int detailFrom = m_name.isEmpty() ? 1 : 2;
    for (int i = 0; i < lines.size(); ++i) {
        QFont font = base;
        font.setBold(i == 0);
        font.setItalic(m_notChecked && i >= detailFrom);
        painter->setFont(font);
        painter->setPen(ink);
        painter->drawText(QRectF(kPadding, y, m_width - 2 * kPadding, spacing),
                          Qt::AlignLeft | Qt::AlignVCenter, lines.at(i));
        y += spacing;
    }
    painter->setFont(base);
}

} // namespace msi::ui
