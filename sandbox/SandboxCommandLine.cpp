#include "sandbox/SandboxCommandLine.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace msi::sandbox {

SandboxCommandLine::Result SandboxCommandLine::parse(const QStringList &arguments, SandboxOptions *options,
                                                     QString *message)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Emulated Salesforce org and Marketo instance on 127.0.0.1 for MSI Bridge."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption sfPort(u"salesforce-port"_qs, tr("Salesforce port (0 = any free port)."), u"N"_qs, u"0"_qs);
    const QCommandLineOption mkPort(u"marketo-port"_qs, tr("Marketo port (0 = any free port)."), u"N"_qs, u"0"_qs);
    const QCommandLineOption seed(u"seed"_qs, tr("Seed folder shaped like the sample org (default: bundled)."), u"DIR"_qs);
    const QCommandLineOption scale(u"scale"_qs, tr("Generate a deterministic org of about N people."), u"N"_qs);
    const QCommandLineOption state(u"state"_qs, tr("Persist both systems in FILE across restarts."), u"FILE"_qs);
    const QCommandLineOption rate(u"marketo-rate"_qs, tr("Marketo rate limit CALLS/SECONDS (default 100/20)."),
                                  u"CALLS/SECONDS"_qs, u"100/20"_qs);
    const QCommandLineOption concurrency(u"marketo-concurrency"_qs, tr("Marketo calls in flight (default 10)."),
                                         u"N"_qs, u"10"_qs);
    const QCommandLineOption quota(u"marketo-daily-quota"_qs, tr("Marketo calls per day (default 50000)."), u"N"_qs,
                                   u"50000"_qs);
    const QCommandLineOption latency(u"marketo-latency"_qs, tr("Milliseconds every Marketo REST call takes (default 0)."),
                                     u"MS"_qs, u"0"_qs);
    const QCommandLineOption ttl(u"token-ttl"_qs, tr("Access token lifetime in seconds, both systems (default 3600)."),
                                 u"SECONDS"_qs, u"3600"_qs);
    const QCommandLineOption faults(u"faults"_qs, tr("Fault spec, e.g. marketo:606@0.05,sf:503#3 (see README)."),
                                    u"SPEC"_qs);
    const QCommandLineOption faultSeed(u"fault-seed"_qs, tr("Seed for faults and simulated MSI activity (default 1)."),
                                       u"N"_qs, u"1"_qs);
    const QCommandLineOption pageSize(u"page-size"_qs, tr("Salesforce query page size (default 2000)."), u"N"_qs,
                                      u"2000"_qs);
    const QCommandLineOption noNonNative(u"no-msi-nonnative"_qs,
                                         tr("Marketo without the MSI Non-Native feature (no externalPersonId...)."));
    const QCommandLineOption nativeCrm(u"native-crm-sync"_qs,
                                       tr("Marketo with native CRM sync (company/opportunity APIs answer 1018)."));
    const QCommandLineOption hideMsi(u"hide-msi-fields"_qs,
                                     tr("Field-level security hides the mkto_si__ fields from the integration user."));
    parser.addOptions({sfPort, mkPort, seed, scale, state, rate, concurrency, quota, latency, ttl, faults, faultSeed,
                       pageSize, noNonNative, nativeCrm, hideMsi});
    if (!parser.parse(arguments)) {
        *message = parser.errorText();
        return Result::Error;
    }
    if (parser.isSet(help)) {
        *message = parser.helpText();
        return Result::ExitOk;
    }
    if (parser.isSet(version)) {
        *message = QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion();
        return Result::ExitOk;
    }
    auto number = [&](const QCommandLineOption &option, int min, int max, int *out) {
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value < min || value > max) {
            *message = tr("--%1 must be a whole number from %2 to %3, not '%4'")
                           .arg(option.names().constFirst())
                           .arg(min)
                           .arg(max)
                           .arg(parser.value(option));
            return false;
        }
        *out = value;
        return true;
    };
    int value = 0;
    if (!number(sfPort, 0, 65535, &value))
        return Result::Error;
    options->salesforcePort = quint16(value);
    if (!number(mkPort, 0, 65535, &value))
        return Result::Error;
    options->marketoPort = quint16(value);
    if (parser.isSet(scale) && !number(scale, 1, 10000000, &options->scale))
        return Result::Error;
    if (!number(concurrency, 1, 1000, &options->marketoConcurrency)
        || !number(quota, 0, 100000000, &options->marketoDailyQuota)
        || !number(latency, 0, 600000, &options->marketoLatencyMs)
        || !number(ttl, 1, 100000000, &options->tokenTtlSeconds)
        || !number(pageSize, 1, 2000, &options->salesforcePageSize)) {
        return Result::Error;
    }
    int seedValue = 1;
    if (!number(faultSeed, 0, 2147483647, &seedValue))
        return Result::Error;
    options->faultSeed = quint32(seedValue);
    static const QRegularExpression rateRe(QStringLiteral("^(\\d+)/(\\d+)$"));
    const QRegularExpressionMatch m = rateRe.match(parser.value(rate));
    if (!m.hasMatch() || m.captured(1).toInt() < 1 || m.captured(2).toInt() < 1) {
        *message = tr("--marketo-rate must look like CALLS/SECONDS (e.g. 100/20), not '%1'").arg(parser.value(rate));
        return Result::Error;
    }
    options->marketoRateCalls = m.captured(1).toInt();
    options->marketoRateWindowSeconds = m.captured(2).toInt();
    options->seedDir = parser.value(seed);
    options->stateFile = parser.value(state);
    options->faults = parser.value(faults);
    options->msiNonNative = !parser.isSet(noNonNative);
    options->nativeCrmSync = parser.isSet(nativeCrm);
    options->msiFieldsVisible = !parser.isSet(hideMsi);
    if (!parser.positionalArguments().isEmpty()) {
        *message = tr("unexpected argument '%1'").arg(parser.positionalArguments().constFirst());
        return Result::Error;
    }
    return Result::Run;
}

} // namespace msi::sandbox
