#include "ui/diagnosis/LinkDetailView.h"

#include "checks/Records.h"
#include "ui/diagnosis/DiagnosisNode.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

namespace msi::ui {

using checks::DiagnosisLink;

namespace {

constexpr int kMaxValueLines = 8; // beyond that the values table scrolls
constexpr int kMaxCauseLines = 6;

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

QString json(const QJsonObject &record)
{
    return QString::fromUtf8(QJsonDocument(record).toJson(QJsonDocument::Indented)).trimmed();
}

QPlainTextEdit *recordView(const QString &accessibleName)
{
    auto *view = new QPlainTextEdit;
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setAccessibleName(accessibleName);
    view->setMinimumHeight(view->fontMetrics().lineSpacing() * 6);
    return view;
}

QWidget *titled(QLabel *label, QWidget *content)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
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
    , m_marketoLabel(new QLabel(tr("Marketo record")))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cause->setFrameShape(QFrame::NoFrame);
    m_cause->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_cause->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_cause->viewport()->setAutoFillBackground(false);
    m_cause->setAccessibleName(tr("Cause"));
    m_verdict->setAccessibleName(tr("Verdict"));
    m_verdict->setWordWrap(true);
    m_values->setVerticalHeaderLabels({tr("Salesforce"), tr("Marketo")});
    m_values->setHorizontalHeaderLabels({tr("Value seen")});
    m_values->horizontalHeader()->setStretchLastSection(true);
    // Rows as tall as their wrapped text; the table as tall as its rows (see fitValues).
    m_values->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_values->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_values->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_values->setWordWrap(true);
    m_values->setTextElideMode(Qt::ElideNone);
    m_values->setSizeAdjustPolicy(QAbstractScrollArea::AdjustIgnored);
    m_values->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_values->setAccessibleName(tr("Values on both sides"));
    connect(m_values->verticalHeader(), &QHeaderView::sectionResized, this, [this] { fitValues(); });

    auto *records = new QSplitter(Qt::Horizontal);
    records->setChildrenCollapsible(false);
    records->addWidget(titled(new QLabel(tr("Salesforce record")), m_salesforceRecord));
    records->addWidget(titled(m_marketoLabel, m_marketoRecord));

    // What was seen on top, the records below; the records get the room by default and the user
    // can drag the border.
    auto *summary = new QWidget;
    auto *summaryLayout = new QVBoxLayout(summary);
    summaryLayout->setContentsMargins(0, 0, 0, 0);
    summaryLayout->addWidget(m_title);
    summaryLayout->addWidget(m_verdict);
    summaryLayout->addWidget(m_cause);
    summaryLayout->addWidget(m_values);
    summaryLayout->addStretch(1);
    m_split = new QSplitter(Qt::Vertical);
    m_split->setChildrenCollapsible(false);
    m_split->addWidget(summary);
    m_split->addWidget(records);
    m_split->setStretchFactor(0, 0);
    m_split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(m_split);
    clear();
}

void LinkDetailView::fitValues()
{
    int height = m_values->horizontalHeader()->height() + 2 * m_values->frameWidth();
    const int cap = m_values->fontMetrics().lineSpacing() * kMaxValueLines;
    int rows = 0;
    for (int r = 0; r < m_values->rowCount(); ++r)
        rows += m_values->rowHeight(r);
    height += std::min(rows, cap);
    if (rows > cap && m_values->horizontalScrollBar()->isVisible())
        height += m_values->horizontalScrollBar()->height();
    if (m_values->height() != height)
        m_values->setFixedHeight(height);
}

// The cause as tall as its text, up to kMaxCauseLines (then it scrolls).
void LinkDetailView::fitCause()
{
    QTextDocument *doc = m_cause->document();
    doc->setTextWidth(m_cause->viewport()->width());
    const int lines = m_cause->fontMetrics().lineSpacing();
    const int height = std::clamp(int(doc->size().height()), lines, lines * kMaxCauseLines)
        + 2 * m_cause->frameWidth() + 4;
    if (m_cause->height() != height)
        m_cause->setFixedHeight(height);
}

void LinkDetailView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_values->resizeRowsToContents();
    fitValues();
    fitCause();
}

void LinkDetailView::clear()
{
    m_title->setText(tr("Select a link of the chain"));
    m_verdict->clear();
    m_cause->clear();
    fitCause();
    m_values->setItem(0, 0, new QTableWidgetItem);
    m_values->setItem(1, 0, new QTableWidgetItem);
    m_values->resizeRowsToContents();
    fitValues();
    m_salesforceRecord->clear();
    m_marketoRecord->clear();
    m_marketoLabel->setText(tr("Marketo record"));
}

void LinkDetailView::showLink(const DiagnosisLink &link, const QString &title, const QString &notChecked)
{
    m_title->setText(!title.isEmpty() ? title
                                      : DiagnosisNode::linkTitle(link.link)
                         + (link.subject.isEmpty() ? QString() : u" — "_qs + link.subject));
    m_title->setToolTip(link.subject);
    QString verdict = DiagnosisLink::verdictLabel(link.verdict);
    if (!notChecked.isEmpty())
        verdict = tr("%1 (counted as %2)").arg(notChecked, verdict.toLower());
    else if (!link.problem.isEmpty())
        verdict += u" — "_qs + DiagnosisLink::problemLabel(link.problem);
    m_verdict->setText(verdict);
    m_verdict->setStyleSheet(QStringLiteral("color: %1; font-weight: bold")
                                 .arg((notChecked.isEmpty() ? DiagnosisNode::borderColor(link.verdict)
                                                            : DiagnosisNode::notCheckedBorder())
                                          .name()));
    m_cause->setPlainText(link.cause);
    fitCause();
    const QString salesforce = valueToText(link.salesforce);
    const QString marketo = valueToText(link.marketo);
    auto *sfItem = new QTableWidgetItem(salesforce);
    sfItem->setToolTip(salesforce);
    auto *mkItem = new QTableWidgetItem(marketo);
    mkItem->setToolTip(marketo);
    m_values->setItem(0, 0, sfItem);
    m_values->setItem(1, 0, mkItem);
    m_values->resizeRowsToContents();
    fitValues();
    m_salesforceRecord->setPlainText(link.salesforceRecord.isEmpty() ? tr("(no Salesforce record)")
                                                                     : json(link.salesforceRecord));
    // Every Marketo record the link found (duplicate leads: all of them), each under its id.
    QList<QJsonObject> marketoRecords;
    if (!link.marketoRecord.isEmpty())
        marketoRecords.append(link.marketoRecord);
    marketoRecords += link.otherMarketoRecords;
    if (marketoRecords.isEmpty()) {
        m_marketoLabel->setText(tr("Marketo record"));
        m_marketoRecord->setPlainText(tr("(no Marketo record found)"));
    } else if (marketoRecords.size() == 1) {
        m_marketoLabel->setText(tr("Marketo record"));
        m_marketoRecord->setPlainText(json(marketoRecords.first()));
    } else {
        m_marketoLabel->setText(tr("Marketo records (%1)").arg(marketoRecords.size()));
        QStringList parts;
        for (int i = 0; i < marketoRecords.size(); ++i) {
            parts.append(tr("── Marketo record %1 of %2: id %3 ──")
                             .arg(i + 1)
                             .arg(marketoRecords.size())
                             .arg(checks::Records::mktoId(marketoRecords.at(i))));
            parts.append(json(marketoRecords.at(i)));
        }
        m_marketoRecord->setPlainText(parts.join(u'\n'));
    }
}

QString LinkDetailView::titleText() const
{
    return m_title->text();
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

QString LinkDetailView::salesforceRecordText() const
{
    return m_salesforceRecord->toPlainText();
}

QString LinkDetailView::marketoRecordText() const
{
    return m_marketoRecord->toPlainText();
}

} // namespace msi::ui
