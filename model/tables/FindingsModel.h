#pragma once

#include "checks/Finding.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace msi::tables {

// The findings of a CheckSuite run as one list: severity, the records, the cause, the fix.
class FindingsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsModel)
public:
    enum Column { SeverityColumn, RecordColumn, CauseColumn, FixColumn, ColumnCount };
    enum Role {
        RecordRole = Qt::UserRole, // the Finding
        SeverityRole,              // int(Finding::Severity): Error 0, Warning 1, Info 2
        CodeRole,                  // e.g. MKTO_SP_EMAIL_MISMATCH
        ReferencesRole,            // QStringList, as the checks name records
    };

    explicit FindingsModel(QObject *parent = nullptr);

    void setFindings(const checks::Findings &findings);
    const checks::Findings &findings() const { return m_findings; }
    const checks::Finding &recordAt(int row) const { return m_findings.at(row); }
    // The first finding with this code that names this record (any form of reference).
    QModelIndex indexOf(const QString &code, const QString &reference, int column = 0) const;
    int count(checks::Finding::Severity severity) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    checks::Findings m_findings;
};

// Sorting (severity by rank, the rest as text) and filtering (by severity and any text) of a
// FindingsModel.
class FindingsFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsFilterModel)
public:
    explicit FindingsFilterModel(QObject *parent = nullptr);

    void setSeverityShown(checks::Finding::Severity severity, bool shown);
    bool isSeverityShown(checks::Finding::Severity severity) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool m_shown[3] = {true, true, true};
};

} // namespace msi::tables

Q_DECLARE_METATYPE(msi::checks::Finding)
