#include "ui/mapping/MappingDelegate.h"

#include "tables/MappingModel.h"

#include <QComboBox>

namespace msi::ui {

using tables::MappingModel;

QWidget *MappingDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                       const QModelIndex &index) const
{
    const QStringList candidates = index.data(MappingModel::CandidatesRole).toStringList();
    if (candidates.isEmpty())
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("mappingFieldEditor"));
    combo->setAccessibleName(tr("Field"));
    for (const QString &name : candidates)
        combo->addItem(name.isEmpty() ? tr("(not mapped)") : name, name);
    return combo;
}

void MappingDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const int i = combo->findData(index.data(MappingModel::FieldRole).toString());
        combo->setCurrentIndex(qMax(0, i));
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void MappingDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->currentData().toString(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace msi::ui
