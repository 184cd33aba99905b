#include "ui/diagnosis/DiagnosisScene.h"

#include "checks/Records.h"
#include "ui/diagnosis/DiagnosisNode.h"

#include <QFontMetrics>
#include <QGraphicsPathItem>
#include <QGraphicsSimpleTextItem>
#include <QLoggingCategory>
#include <QPen>

#include <functional>

Q_LOGGING_CATEGORY(lcDiagnosisScene, "msi.ui.diagnosis.scene", QtInfoMsg)

namespace msi::ui {

using checks::DiagnosisLink;

namespace {
constexpr qreal kGapX = 40;                 // between columns: room for the elbows of edges
constexpr qreal kGapY = 26;                 // between rows: room for a bus line
constexpr qreal kColumn = DiagnosisNode::kWidth + kGapX;
constexpr qreal kRow = DiagnosisNode::kHeight + kGapY;
constexpr qreal kIndent = 22;               // roles under their opportunity
constexpr qreal kGutter = 18;               // left of the grid: the line feeding its rows
constexpr qreal kMargin = 16;
const QColor kEdgeColour(0x75, 0x75, 0x75);

// From a box's right side along the gap between columns to another box's left side.
QPainterPath elbow(const QRectF &from, const QRectF &to)
{
    const qreal midX = from.right() + kGapX / 2;
    QPainterPath path(QPointF(from.right(), from.center().y()));
    path.lineTo(midX, from.center().y());
    path.lineTo(midX, to.center().y());
    path.lineTo(to.left(), to.center().y());
    return path;
}

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

DiagnosisScene::~DiagnosisScene() = default;

void DiagnosisScene::clearChain()
{
    m_nodes.clear();
    m_edges.clear();
    m_edgeItems.clear();
    m_cells.clear();
    m_record = nullptr;
    m_gridOwner = -2;
    m_graph.reset();
    clear();
}

void DiagnosisScene::setDiagnosis(const checks::Diagnosis &diagnosis, const ChainGraph::NameOf &nameOf)
{
    clearChain();
    m_graph = std::make_unique<ChainGraph>(diagnosis, nameOf);
    const ChainGraph &g = *m_graph;

    // The grid: the company's opportunities with their roles, or the roles of the diagnosed
    // opportunity; everything else is the tree.
    QList<bool> inGrid(g.size(), false);
    for (int i = 0; i < g.size(); ++i) {
        const QString &link = diagnosis.links.at(i).link;
        const int up = g.parent(i);
        if (link == u"opportunity" && up >= 0 && diagnosis.links.at(up).link == u"company") {
            m_gridOwner = up;
            Cell cell{i, {}};
            for (int role : g.children(i)) {
                if (diagnosis.links.at(role).link == u"role")
                    cell.below.append(role);
            }
            m_cells.append(cell);
        }
    }
    if (m_cells.isEmpty()) {
        for (int i = 0; i < g.size(); ++i) {
            if (g.isSelf(i) && diagnosis.links.at(i).link == u"opportunity") {
                for (int role : g.children(i))
                    m_cells.append(Cell{role, {}});
                if (!m_cells.isEmpty())
                    m_gridOwner = i;
            }
        }
    }

    // The record itself.
    m_record = addRect(QRectF(0, 0, DiagnosisNode::kWidth, DiagnosisNode::kHeight),
                       QPen(Qt::darkGray, 1.5), QBrush(QColor(0xe3, 0xf2, 0xfd)));
    const QFontMetrics metrics(font());
    const int textWidth = int(DiagnosisNode::kWidth - 16);
    auto *label = new QGraphicsSimpleTextItem(
        tr("%1\n%2").arg(metrics.elidedText(diagnosis.recordType, Qt::ElideRight, textWidth),
                         metrics.elidedText(checks::Records::text(diagnosis.record, u"Name"_qs),
                                            Qt::ElideRight, textWidth)),
        m_record);
    label->setPos(8, (DiagnosisNode::kHeight - 2 * metrics.lineSpacing()) / 2);
    m_record->setToolTip(checks::Records::sfLabel(diagnosis.record));

    QList<bool> belowHead(g.size(), false);
    for (const Cell &cell : std::as_const(m_cells)) {
        inGrid[cell.head] = true;
        for (int b : cell.below)
            inGrid[b] = belowHead[b] = true;
    }
    for (int i = 0; i < g.size(); ++i) {
        auto *node = new DiagnosisNode(i, diagnosis.links.at(i), g,
                                       belowHead.at(i) ? DiagnosisNode::kWidth - kIndent
                                                       : DiagnosisNode::kWidth);
        addItem(node);
        m_nodes.append(node);
    }
    layout();
}

void DiagnosisScene::setAvailableWidth(qreal width)
{
    if (qFuzzyCompare(width, m_availableWidth))
        return;
    m_availableWidth = width;
    if (m_graph)
        layout();
}

QRectF DiagnosisScene::boxOf(int link) const
{
    if (link == ChainGraph::kRecord)
        return m_record->sceneBoundingRect().adjusted(1, 1, -1, -1);
    const DiagnosisNode *node = m_nodes.at(link);
    return QRectF(node->pos(), QSizeF(node->width(), DiagnosisNode::kHeight));
}

void DiagnosisScene::addEdge(int from, int to, const QPainterPath &path)
{
    QPen pen(kEdgeColour, 1.5);
    if (m_graph->isNotChecked(to))
        pen.setStyle(Qt::DashLine);
    auto *item = addPath(path, pen);
    item->setZValue(-1);
    m_edgeItems.append(item);
    m_edges.append(Edge{from, to});
}

int DiagnosisScene::placeTree(int link, int column, int row)
{
    m_nodes.at(link)->setPos(column * kColumn, row * kRow);
    // The branch that feeds the grid goes last: nothing of the tree is below it then, so the
    // line down to the grid crosses no box.
    std::function<bool(int)> feedsGrid = [&](int n) {
        if (n == m_gridOwner)
            return true;
        for (int c : m_graph->children(n)) {
            if (feedsGrid(c))
                return true;
        }
        return false;
    };
    QList<int> kids;
    int last = -1;
    for (int c : m_graph->children(link)) {
        const bool gridMember = std::any_of(m_cells.cbegin(), m_cells.cend(), [c](const Cell &cell) {
            return cell.head == c || cell.below.contains(c);
        });
        if (gridMember)
            continue;
        if (last < 0 && feedsGrid(c))
            last = c;
        else
            kids.append(c);
    }
    if (last >= 0)
        kids.append(last);
    int rows = 0;
    for (int c : std::as_const(kids)) {
        const int top = row + rows;
        rows += placeTree(c, column + 1, top);
        // From the parent's right side along the gap to the child's left side.
        addEdge(link, c, elbow(boxOf(link), boxOf(c)));
    }
    return std::max(1, rows);
}

void DiagnosisScene::layout()
{
    for (QGraphicsPathItem *item : std::as_const(m_edgeItems)) {
        removeItem(item);
        delete item;
    }
    m_edgeItems.clear();
    m_edges.clear();
    const ChainGraph &g = *m_graph;

    // The tree: the record at the top left, its own Marketo twin under it, the rest to the right.
    int self = -1;
    QList<int> recordKids;
    for (int c : g.children(ChainGraph::kRecord)) {
        if (g.isSelf(c) && self < 0)
            self = c;
        else if (!std::any_of(m_cells.cbegin(), m_cells.cend(), [c](const Cell &cell) { return cell.head == c; }))
            recordKids.append(c);
    }
    int rows = 0;
    for (int c : std::as_const(recordKids)) {
        rows += placeTree(c, 1, rows);
        addEdge(ChainGraph::kRecord, c, elbow(boxOf(ChainGraph::kRecord), boxOf(c)));
    }
    if (self >= 0) {
        const int selfRow = std::max(1, rows);
        rows = selfRow + placeTree(self, 0, selfRow);
        const QRectF from = boxOf(ChainGraph::kRecord);
        const QRectF to = boxOf(self);
        QPainterPath path(QPointF(from.center().x(), from.bottom()));
        path.lineTo(to.center().x(), to.top());
        addEdge(ChainGraph::kRecord, self, path);
    }
    rows = std::max(rows, 1);

    // The grid under the tree, fed from its owner by a bus above each row; the bus of a later
    // row hangs off a line down the left gutter, so no line crosses a box.
    if (!m_cells.isEmpty()) {
        const qreal usable = m_availableWidth - 2 * kMargin - kGutter + kGapX;
        const int perRow = std::max(1, int(usable / kColumn));
        const QRectF owner = boxOf(m_gridOwner);
        const qreal gutterX = kGutter / 2;
        const bool moreRows = m_cells.size() > perRow;
        qreal top = rows * kRow + kGapY;
        qreal previousBus = 0;
        for (int start = 0; start < m_cells.size(); start += perRow) {
            const int end = std::min<int>(start + perRow, m_cells.size());
            const qreal busY = top - kGapY / 2;
            int deepest = 0;
            qreal lastX = 0;
            for (int k = start; k < end; ++k) {
                const Cell &cell = m_cells.at(k);
                const qreal x = kGutter + (k - start) * kColumn;
                m_nodes.at(cell.head)->setPos(x, top);
                const QRectF head = boxOf(cell.head);
                lastX = head.center().x();
                QPainterPath drop(QPointF(head.center().x(), busY));
                drop.lineTo(head.center().x(), head.top());
                addEdge(m_gridOwner, cell.head, drop);
                for (int j = 0; j < cell.below.size(); ++j) {
                    const int role = cell.below.at(j);
                    m_nodes.at(role)->setPos(x + kIndent, top + (j + 1) * kRow);
                    const QRectF box = boxOf(role);
                    QPainterPath down(QPointF(x + kIndent / 2, head.bottom()));
                    down.lineTo(x + kIndent / 2, box.center().y());
                    down.lineTo(box.left(), box.center().y());
                    addEdge(cell.head, role, down);
                }
                deepest = std::max(deepest, int(cell.below.size()));
            }
            QPainterPath wiring;
            if (start == 0) {
                wiring.moveTo(owner.center().x(), owner.bottom());
                wiring.lineTo(owner.center().x(), busY);
                wiring.moveTo(std::min(moreRows ? gutterX : owner.center().x(), kGutter + DiagnosisNode::kWidth / 2), busY);
                wiring.lineTo(std::max(owner.center().x(), lastX), busY);
            } else {
                wiring.moveTo(gutterX, previousBus);
                wiring.lineTo(gutterX, busY);
                wiring.lineTo(lastX, busY);
            }
            auto *item = addPath(wiring, QPen(kEdgeColour, 1.5));
            item->setZValue(-1);
            m_edgeItems.append(item);
            previousBus = busY;
            top += (1 + deepest) * kRow + kGapY / 2;
        }
    }
    setSceneRect(itemsBoundingRect().adjusted(-kMargin, -kMargin, kMargin, kMargin));
    qCDebug(lcDiagnosisScene) << "laid out" << m_nodes.size() << "links in" << sceneRect().size();
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
