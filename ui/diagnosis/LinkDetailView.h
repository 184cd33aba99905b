#pragma once

#include "checks/Diagnosis.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableWidget;
class QTextBrowser;

namespace msi::ui {

// What one link of the chain saw: verdict, cause, the values on both sides and both systems'
// records, side by side.
class LinkDetailView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkDetailView)
public:
    explicit LinkDetailView(QWidget *parent = nullptr);

    void showLink(const checks::DiagnosisLink &link);
    void clear();

    QString causeText() const;
    QString verdictText() const;
    // The value shown for one side: row 0 = Salesforce, 1 = Marketo.
    QString valueText(int side) const;

private:
    QLabel *m_title = nullptr;
    QLabel *m_verdict = nullptr;
    QTextBrowser *m_cause = nullptr;
    QTableWidget *m_values = nullptr;
    QPlainTextEdit *m_salesforceRecord = nullptr;
    QPlainTextEdit *m_marketoRecord = nullptr;
};

} // namespace msi::ui
