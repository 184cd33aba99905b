#include "ui/EnvironmentBanner.h"

namespace msi::ui {

EnvironmentBanner::EnvironmentBanner(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("environmentBanner"));
    setAlignment(Qt::AlignCenter);
    setMargin(6);
    setTextFormat(Qt::PlainText);
    setEnvironment(Environment::NotConnected);
}

void EnvironmentBanner::setEnvironment(Environment environment, const QString &detail)
{
    m_environment = environment;
    QString text;
    QString background;
    QString foreground = QStringLiteral("#ffffff");
    switch (environment) {
    case Environment::NotConnected:
        text = tr("Not connected");
        background = QStringLiteral("#6b7280");
        break;
    case Environment::BundledSandbox:
        text = tr("SANDBOX — emulated Salesforce org and Marketo instance on this computer; "
                  "nothing leaves it");
        background = QStringLiteral("#166534");
        break;
    case Environment::SalesforceSandbox:
        text = tr("SALESFORCE SANDBOX — a test org; Marketo may still be live");
        background = QStringLiteral("#b45309");
        break;
    case Environment::Production:
        text = tr("PRODUCTION — changes are written to live Salesforce and Marketo");
        background = QStringLiteral("#b91c1c");
        break;
    }
    if (!detail.isEmpty())
        text += u"  ·  "_qs + detail;
    setText(text);
    setAccessibleName(text);
    setStyleSheet(QStringLiteral("QLabel#environmentBanner { background: %1; color: %2; "
                                 "font-weight: bold; }")
                      .arg(background, foreground));
}

} // namespace msi::ui
