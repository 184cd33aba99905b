#include "cli/CliApplication.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("MSI Bridge"));
    QCoreApplication::setApplicationName(QStringLiteral("msi-bridge"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MSI_BRIDGE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    msi::cli::CliApplication cli;
    const int code = cli.run(QCoreApplication::arguments(), {out, err});
    out.flush();
    err.flush();
    return code;
}
