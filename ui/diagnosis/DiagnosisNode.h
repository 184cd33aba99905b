#pragma once

#include "checks/Diagnosis.h"

#include <QGraphicsObject>

namespace msi::ui {

class ChainGraph;

// One link of a diagnosed chain in the graph: a rounded box coloured by verdict (the verdict is also
// spelled out, so colour is never the only cue), selectable by click or keyboard. Three lines, each
// elided to the box: the verdict mark and kind, the record's name (when the link is about another
// record than the diagnosed one), the problem. A link skipped because an earlier one is broken is
// grey with a dashed border and says which link it waits for; its verdict stays Fail.
class DiagnosisNode final : public QGraphicsObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosisNode)
public:
    static constexpr qreal kWidth = 200;
    static constexpr qreal kHeight = 66;

    DiagnosisNode(int linkIndex, const checks::DiagnosisLink &link, const ChainGraph &graph,
                  qreal width = kWidth, QGraphicsItem *parent = nullptr);

    int linkIndex() const { return m_index; }
    checks::DiagnosisLink::Verdict verdict() const { return m_verdict; }
    bool isNotChecked() const { return m_notChecked; }
    // "Opportunity: United Oil Installations (2024-02-08)", unelided.
    QString title() const { return m_title; }
    qreal width() const { return m_width; }
    // The lines as painted in this font (elided to the box).
    QStringList shownLines(const QFont &font) const;
    QColor shownFill() const;

    static QColor fillColor(checks::DiagnosisLink::Verdict verdict);
    static QColor borderColor(checks::DiagnosisLink::Verdict verdict);
    static QColor notCheckedFill();
    static QColor notCheckedBorder();
    // "Sales person e-mail" for "salesperson.email".
    static QString linkTitle(const QString &link);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString mark() const;

    int m_index;
    checks::DiagnosisLink::Verdict m_verdict;
    bool m_notChecked;
    qreal m_width;
    QString m_kind;
    QString m_name;
    QString m_suffix; // kept visible when the name is elided
    QString m_detail;
    QString m_title;
};

} // namespace msi::ui
