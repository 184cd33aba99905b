#include "sandbox/Sandbox.h"
#include "sandbox/SandboxCommandLine.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>

// msi-bridge-sandbox: emulated Salesforce + Marketo on 127.0.0.1 until interrupted.
int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("MSI Bridge"));
    QCoreApplication::setApplicationName(QStringLiteral("msi-bridge-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MSI_BRIDGE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    msi::sandbox::SandboxOptions options;
    QString message;
    switch (msi::sandbox::SandboxCommandLine::parse(QCoreApplication::arguments(), &options, &message)) {
    case msi::sandbox::SandboxCommandLine::Result::ExitOk:
        out << message << Qt::endl;
        return 0;
    case msi::sandbox::SandboxCommandLine::Result::Error:
        err << "msi-bridge-sandbox: " << message << Qt::endl;
        return 2;
    case msi::sandbox::SandboxCommandLine::Result::Run:
        break;
    }
    msi::sandbox::Sandbox sandbox;
    if (!sandbox.start(options, &message)) {
        err << "msi-bridge-sandbox: " << message << Qt::endl;
        return 2;
    }
    const QStringList lines = sandbox.startupLines();
    for (const QString &line : lines)
        out << line << '\n';
    out.flush();
    return app.exec();
}
