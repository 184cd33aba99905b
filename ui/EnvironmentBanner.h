#pragma once

#include <QLabel>

namespace msi::ui {

// A coloured strip across the top of the window that makes a production connection impossible to
// mistake for the sandbox.
class EnvironmentBanner final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentBanner)
public:
    enum class Environment { NotConnected, BundledSandbox, SalesforceSandbox, Production };
    Q_ENUM(Environment)

    explicit EnvironmentBanner(QWidget *parent = nullptr);
    void setEnvironment(Environment environment, const QString &detail = QString());
    Environment environment() const { return m_environment; }

private:
    Environment m_environment = Environment::NotConnected;
};

} // namespace msi::ui
