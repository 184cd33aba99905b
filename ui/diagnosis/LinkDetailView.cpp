#include "ui/diagnosis/LinkDetailView.h"

#include "ui/diagnosis/DiagnosisNode.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace msi::ui {

using checks::DiagnosisLink;

namespace {

QString valueToText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return LinkDetailView::tr("(none)");
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array: {
        // Several values seen (two leads, three companies): one per line, as plain text.
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items.append(valueToText(item));
        return items.isEmpty() ? LinkDetailView::tr("(none)") : items.join(u'\n');
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

QPlainTextEdit *recordView(const QString &accessibleName)
{
    auto *view = new QPlainTextEdit;
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setAccessibleName(accessibleName);
    return view;
}

} // namespace

LinkDetailView::LinkDetailView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_verdict(new QLabel)
    , m_cause(new QTextBrowser)
    , m_values(new QTableWidget(2, 1))
    , m_salesforceRecord(recordView(tr("Salesforce record")))
    , m_marketoRecord(recordView(tr("Marketo record")))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_cause->setFrameShape(QFrame::NoFrame);
    m_cause->setMaximumHeight(m_cause->fontMetrics().lineSpacing() * 4 + 8);
    m_cause->viewport()->setAutoFillBackground(false);
    m_cause->setAccessibleName(tr("Cause"));
    m_verdict->setAccessibleName(tr("Verdict"));
    m_values->setVerticalHeaderLabels({tr("Salesforce"), tr("Marketo")});
    m_values->setHorizontalHeaderLabels({tr("Value seen")});
    m_values->horizontalHeader()->setStretchLastSection(true);
    m_values->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_values->setWordWrap(true);
    m_values->setAccessibleName(tr("Values on both sides"));
    m_values->setMaximumHeight(m_values->fontMetrics().lineSpacing() * 7 + 16);

    auto *records = new QSplitter(Qt::Horizontal);
    auto *sfBox = new QWidget;
    auto *sfLayout = new QVBoxLayout(sfBox);
    sfLayout->setContentsMargins(0, 0, 0, 0);
    sfLayout->addWidget(new QLabel(tr("Salesforce record")));
    sfLayout->addWidget(m_salesforceRecord);
    auto *mkBox = new QWidget;
    auto *mkLayout = new QVBoxLayout(mkBox);
    mkLayout->setContentsMargins(0, 0, 0, 0);
    mkLayout->addWidget(new QLabel(tr("Marketo record")));
    mkLayout->addWidget(m_marketoRecord);
    records->addWidget(sfBox);
    records->addWidget(mkBox);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_verdict);
    layout->addWidget(m_cause);
    layout->addWidget(m_values);
    layout->addWidget(records, 1);
    clear();
}

void LinkDetailView::clear()
{
    m_title->setText(tr("Select a link of the chain"));
    m_verdict->clear();
    m_cause->clear();
    m_values->setItem(0, 0, new QTableWidgetItem);
    m_values->setItem(1, 0, new QTableWidgetItem);
    m_salesforceRecord->clear();
    m_marketoRecord->clear();
}

void LinkDetailView::showLink(const DiagnosisLink &link)
{
    m_title->setText(DiagnosisNode::linkTitle(link.link)
                     + (link.subject.isEmpty() ? QString() : u" — "_qs + link.subject));
    QString verdict = DiagnosisLink::verdictLabel(link.verdict);
    if (!link.problem.isEmpty())
        verdict += u" — "_qs + DiagnosisLink::problemLabel(link.problem);
    m_verdict->setText(verdict);
    m_verdict->setStyleSheet(QStringLiteral("color: %1; font-weight: bold")
                                 .arg(DiagnosisNode::borderColor(link.verdict).name()));
    m_cause->setPlainText(link.cause);
    m_values->setItem(0, 0, new QTableWidgetItem(valueToText(link.salesforce)));
    m_values->setItem(1, 0, new QTableWidgetItem(valueToText(link.marketo)));
    m_values->resizeRowsToContents();
    m_salesforceRecord->setPlainText(
        link.salesforceRecord.isEmpty()
            ? tr("(no Salesforce record)")
            : QString::fromUtf8(QJsonDocument(link.salesforceRecord).toJson(QJsonDocument::Indented)));
    m_marketoRecord->setPlainText(
        link.marketoRecord.isEmpty()
            ? tr("(no Marketo record found)")
            : QString::fromUtf8(QJsonDocument(link.marketoRecord).toJson(QJsonDocument::Indented)));
}

QString LinkDetailView::causeText() const
{
    return m_cause->toPlainText();
}

QString LinkDetailView::verdictText() const
{
    return m_verdict->text();
}

QString LinkDetailView::valueText(int side) const
{
    const QTableWidgetItem *item = m_values->item(side, 0);
    return item ? item->text() : QString();
}

} // namespace msi::ui
