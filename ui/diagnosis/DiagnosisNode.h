#pragma once

#include "checks/Diagnosis.h"

#include <QGraphicsObject>

namespace msi::ui {

// One link of a diagnosed chain in the graph: a rounded box coloured by verdict (the verdict is also
// spelled out, so colour is never the only cue), selectable by click or keyboard.
class DiagnosisNode final : public QGraphicsObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosisNode)
public:
    static constexpr qreal kWidth = 190;
    static constexpr qreal kHeight = 58;

    DiagnosisNode(int linkIndex, const checks::DiagnosisLink &link, QGraphicsItem *parent = nullptr);

    int linkIndex() const { return m_index; }
    checks::DiagnosisLink::Verdict verdict() const { return m_verdict; }
    QString title() const { return m_title; }
    static QColor fillColor(checks::DiagnosisLink::Verdict verdict);
    static QColor borderColor(checks::DiagnosisLink::Verdict verdict);
    // "Sales person e-mail" for "salesperson.email".
    static QString linkTitle(const QString &link);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    int m_index;
    checks::DiagnosisLink::Verdict m_verdict;
    QString m_title;
    QString m_detail;
};

} // namespace msi::ui
