#include "ui/diagnosis/DiagnosisScene.h"

#include "checks/Records.h"
#include "ui/diagnosis/DiagnosisNode.h"

#include <QGraphicsSimpleTextItem>
#include <QPen>

namespace msi::ui {

using checks::DiagnosisLink;

namespace {
constexpr qreal kColumn = DiagnosisNode::kWidth + 40;
constexpr qreal kRow = DiagnosisNode::kHeight + 30;
constexpr int kPerRow = 5; // nodes per row before a lane wraps
} // namespace

DiagnosisScene::DiagnosisScene(QObject *parent)
    : QGraphicsScene(parent)
{
    connect(this, &QGraphicsScene::selectionChanged, this, [this] {
        const QList<QGraphicsItem *> selected = selectedItems();
        auto *node = selected.isEmpty() ? nullptr : qgraphicsitem_cast<DiagnosisNode *>(selected.first());
        emit linkSelected(node ? node->linkIndex() : -1);
    });
}

int DiagnosisScene::laneOf(const QString &link)
{
    if (link.startsWith(u"salesperson"))
        return 1;
    if (link.startsWith(u"company"))
        return 2;
    if (link == u"opportunity")
        return 3;
    if (link == u"role")
        return 4;
    return 0; // person, person.email, scores.*
}

void DiagnosisScene::clearChain()
{
    m_nodes.clear();
    clear();
}

void DiagnosisScene::setDiagnosis(const checks::Diagnosis &diagnosis)
{
    clear();
    m_nodes.clear();
    // The record itself.
    auto *record = addRect(QRectF(0, 0, DiagnosisNode::kWidth, DiagnosisNode::kHeight),
                           QPen(Qt::darkGray, 1.5), QBrush(QColor(0xe3, 0xf2, 0xfd)));
    auto *label = new QGraphicsSimpleTextItem(
        tr("%1\n%2").arg(diagnosis.recordType,
                         checks::Records::text(diagnosis.record, QStringLiteral("Name"))),
        record);
    label->setPos(8, 8);
    record->setToolTip(checks::Records::sfLabel(diagnosis.record));

    // Lanes in fixed order; a lane takes as many rows as it needs.
    QList<QList<int>> lanes(5);
    for (int i = 0; i < diagnosis.links.size(); ++i)
        lanes[laneOf(diagnosis.links.at(i).link)].append(i);
    qreal y = 0;
    const QPen edgePen(QColor(0x75, 0x75, 0x75), 1.5);
    for (const QList<int> &lane : std::as_const(lanes)) {
        if (lane.isEmpty())
            continue;
        QPointF previous(DiagnosisNode::kWidth, DiagnosisNode::kHeight / 2);
        for (int k = 0; k < lane.size(); ++k) {
            const int i = lane.at(k);
            auto *node = new DiagnosisNode(i, diagnosis.links.at(i));
            const qreal x = kColumn * (1 + k % kPerRow);
            const qreal rowY = y + kRow * (k / kPerRow);
            node->setPos(x, rowY);
            addItem(node);
            m_nodes.append(node);
            QPointF in(x, rowY + DiagnosisNode::kHeight / 2);
            if (k % kPerRow == 0 && k > 0) { // a wrapped row hangs below the row above
                previous = QPointF(x + DiagnosisNode::kWidth / 2, rowY - kRow + DiagnosisNode::kHeight);
                in = QPointF(x + DiagnosisNode::kWidth / 2, rowY);
            }
            addLine(QLineF(previous, in), edgePen)->setZValue(-1);
            previous = QPointF(x + DiagnosisNode::kWidth, rowY + DiagnosisNode::kHeight / 2);
        }
        y += kRow * ((lane.size() + kPerRow - 1) / kPerRow);
    }
    setSceneRect(itemsBoundingRect().adjusted(-20, -20, 20, 20));
}

DiagnosisNode *DiagnosisScene::nodeForLink(int linkIndex) const
{
    for (DiagnosisNode *n : m_nodes) {
        if (n->linkIndex() == linkIndex)
            return n;
    }
    return nullptr;
}

void DiagnosisScene::selectLink(int linkIndex)
{
    DiagnosisNode *node = nodeForLink(linkIndex);
    if (!node || node->isSelected())
        return;
    clearSelection();
    node->setSelected(true);
    node->setFocus();
}

} // namespace msi::ui
