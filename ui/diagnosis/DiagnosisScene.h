#pragma once

#include "checks/Diagnosis.h"
#include "ui/diagnosis/ChainGraph.h"

#include <QGraphicsRectItem>
#include <QGraphicsScene>

#include <memory>

class QGraphicsPathItem;
class QGraphicsRectItem;

namespace msi::ui {

class DiagnosisNode;

// The chain of one diagnosis as a graph whose edges mean "needs": the record with its Marketo twin
// under it (person, company or opportunity), from there a tree to the right (owner link → sales
// person → its e-mail, company link → company → owner and people, scores), and below the tree a
// grid of the opportunities, each with its roles under it, fed by one line from the company. The
// grid takes as many columns as the available width holds.
class DiagnosisScene final : public QGraphicsScene
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosisScene)
public:
    struct Edge
    {
        int from; // ChainGraph::kRecord or a link index
        int to;
        friend bool operator==(const Edge &, const Edge &) = default;
    };

    explicit DiagnosisScene(QObject *parent = nullptr);
    ~DiagnosisScene() override;

    void setDiagnosis(const checks::Diagnosis &diagnosis, const ChainGraph::NameOf &nameOf = {});
    // No chain at all (QGraphicsScene::clear() would leave nodes() pointing at deleted items).
    void clearChain();
    // Lays the chain out again for this width (scene units); the tree keeps its depth.
    void setAvailableWidth(qreal width);
    const QList<DiagnosisNode *> &nodes() const { return m_nodes; }
    const QList<Edge> &edges() const { return m_edges; }
    const ChainGraph *graph() const { return m_graph.get(); }
    DiagnosisNode *nodeForLink(int linkIndex) const;
    QGraphicsItem *recordItem() const { return m_record; }
    void selectLink(int linkIndex);

signals:
    void linkSelected(int linkIndex); // -1 when nothing is selected

private:
    struct Cell
    {
        int head;
        QList<int> below; // roles of the head opportunity
    };
    void layout();
    int placeTree(int link, int column, int row);
    QRectF boxOf(int link) const;
    void addEdge(int from, int to, const QPainterPath &path);

    std::unique_ptr<ChainGraph> m_graph;
    QGraphicsRectItem *m_record = nullptr;
    QList<DiagnosisNode *> m_nodes;
    QList<Edge> m_edges;
    QList<QGraphicsPathItem *> m_edgeItems;
    // The tree's nodes (record = kRecord) and the grid fed by one node.
    QList<int> m_treeChildrenOfRecord;
    int m_gridOwner = -2;
    QList<Cell> m_cells;
    qreal m_availableWidth = 960;
};

} // namespace msi::ui
