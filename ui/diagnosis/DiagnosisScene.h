#pragma once

#include "checks/Diagnosis.h"

#include <QGraphicsScene>

namespace msi::ui {

class DiagnosisNode;

// The chain of one diagnosis as a graph: the record on the left, then lanes for the person and its
// scores, its owner (sales person), its company, the opportunities and their roles; nodes coloured
// by verdict, edges from the record along each lane.
class DiagnosisScene final : public QGraphicsScene
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosisScene)
public:
    explicit DiagnosisScene(QObject *parent = nullptr);

    void setDiagnosis(const checks::Diagnosis &diagnosis);
    // No chain at all (QGraphicsScene::clear() would leave nodes() pointing at deleted items).
    void clearChain();
    const QList<DiagnosisNode *> &nodes() const { return m_nodes; }
    DiagnosisNode *nodeForLink(int linkIndex) const;
    void selectLink(int linkIndex);

signals:
    void linkSelected(int linkIndex); // -1 when nothing is selected

private:
    static int laneOf(const QString &link);
    QList<DiagnosisNode *> m_nodes;
};

} // namespace msi::ui
