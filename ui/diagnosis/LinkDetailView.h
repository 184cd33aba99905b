#pragma once

#include "checks/Diagnosis.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QSplitter;
class QTableWidget;
class QTextBrowser;

namespace msi::ui {

// What one link of the chain saw: verdict, cause, the values on both sides and both systems'
// records, side by side (every Marketo record when the link found several).
class LinkDetailView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkDetailView)
public:
    explicit LinkDetailView(QWidget *parent = nullptr);

    // title: how the chain names the link ("Opportunity: Edge SLA"); empty = the link's kind.
    // notChecked: what a link skipped because of an earlier one says instead of its verdict.
    void showLink(const checks::DiagnosisLink &link, const QString &title = {},
                  const QString &notChecked = {});
    void clear();

    QString titleText() const;
    QString causeText() const;
    QString verdictText() const;
    // The value shown for one side: row 0 = Salesforce, 1 = Marketo.
    QString valueText(int side) const;
    QString salesforceRecordText() const;
    QString marketoRecordText() const;
    QTableWidget *valuesTable() const { return m_values; }
    QSplitter *splitter() const { return m_split; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitValues();
    void fitCause();

    QLabel *m_title = nullptr;
    QLabel *m_verdict = nullptr;
    QTextBrowser *m_cause = nullptr;
    QTableWidget *m_values = nullptr;
    QPlainTextEdit *m_salesforceRecord = nullptr;
    QPlainTextEdit *m_marketoRecord = nullptr;
    QLabel *m_marketoLabel = nullptr;
    QSplitter *m_split = nullptr;
};

} // namespace msi::ui
