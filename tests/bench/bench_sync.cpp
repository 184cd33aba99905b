// Sync engine efficiency: a full and an incremental run of a --scale sandbox org with a compressed
// Marketo rate window. Prints, per stage, the records written, the Marketo calls made and the
// minimum possible (ceil(records / 300)), then wall time, the time the rate limit alone forces,
// their ratio, the 606 waits and 615 back-offs the client took and the peak memory. The engine
// sends one Marketo call at a time, so the sandbox's concurrency limit (615 above 10 calls in
// flight) is never reached: a third run, on a fresh org, injects 615 on 10% of the Marketo calls to
// show they are counted and what they cost. Run `bench_sync [people]` (default 3000) or
// `ctest -L bench --verbose`. Not part of the test command.
#include "sandbox/Sandbox.h"
#include "sync/SyncController.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <memory>

#include <sys/resource.h>

using namespace msi;
using namespace msi::sync;

namespace {

constexpr int kWindowSeconds = 2;  // compressed from Marketo's 20 s
constexpr int kServerCalls = 10;   // per window (Marketo: 100)
constexpr int kClientCalls = 8;    // the client's own budget per window (default 80 of 100)

RunResult run(const QString &workspace, const EngineConnection &connection, qint64 *wallMs)
{
    SyncController controller;
    QEventLoop loop;
    RunResult result;
    QObject::connect(&controller, &SyncController::finished, &loop, [&](const RunResult &r) {
        result = r;
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    controller.start(workspace, connection, RunOptions{});
    loop.exec();
    *wallMs = timer.elapsed();
    return result;
}

void print(const char *title, const RunResult &result, qint64 wallMs)
{
    std::printf("\n%s (run %lld, %s)\n", title, static_cast<long long>(result.runId),
                qPrintable(RunResult::statusKey(result.status)));
    std::printf("%-20s %8s %8s %8s %8s %8s\n", "stage", "records", "writes", "reads", "calls",
                "minimum");
    int calls = 0;
    int minimum = 0;
    for (const StageResult &stage : result.stages) {
        const int records = stage.stage == Stage::MsiWriteBack
            ? stage.total
            : stage.created + stage.updated + stage.failed;
        // Stage 6 writes go to Salesforce; its Marketo cost is the read of the MSI values.
        const int marketoCalls = stage.stage == Stage::MsiWriteBack ? stage.readCalls
                                                                    : stage.writeCalls + stage.readCalls;
        const int least = QuotaEstimate::callsFor(records, 300);
        calls += marketoCalls;
        minimum += least;
        std::printf("%-20s %8d %8d %8d %8d %8d\n", qPrintable(SyncTypes::stageKey(stage.stage)),
                    records, stage.stage == Stage::MsiWriteBack ? 0 : stage.writeCalls,
                    stage.readCalls, marketoCalls, least);
    }
    // The sliding window lets kClientCalls calls start per window: n calls need at least
    // floor((n - 1) / kClientCalls) full windows.
    const qint64 forcedMs = calls > 0 ? qint64((calls - 1) / kClientCalls) * kWindowSeconds * 1000 : 0;
    std::printf("Marketo calls %d (minimum writes+reads %d); wall %.1f s; rate-limit-forced %.1f s; "
                "ratio %.2f; 606 waits %d; 615 back-offs %d\n",
                calls, minimum, wallMs / 1000.0, forcedMs / 1000.0,
                forcedMs > 0 ? double(wallMs) / double(forcedMs) : 0.0, result.rateLimitWaits,
                result.concurrencyWaits);
}

EngineConnection connectionFor(const sandbox::Sandbox &sandbox)
{
    EngineConnection connection;
    connection.salesforce.loginUrl = sandbox.salesforceUrl();
    connection.salesforce.clientId = sandbox::Sandbox::clientId();
    connection.salesforce.clientSecret = sandbox::Sandbox::clientSecret();
    connection.marketo.baseUrl = sandbox.marketoUrl();
    connection.marketo.clientId = sandbox::Sandbox::clientId();
    connection.marketo.clientSecret = sandbox::Sandbox::clientSecret();
    connection.marketoSettings.budget.callsPerWindow = kClientCalls;
    connection.marketoSettings.budget.windowMs = kWindowSeconds * 1000;
    return connection;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int people = argc > 1 ? QByteArray(argv[1]).toInt() : 3000;
    QTemporaryDir dir;
    sandbox::SandboxOptions options;
    options.scale = people;
    options.marketoRateCalls = kServerCalls;
    options.marketoRateWindowSeconds = kWindowSeconds;
    auto sandbox = std::make_unique<sandbox::Sandbox>();
    QString error;
    if (!sandbox->start(options, &error)) {
        std::fprintf(stderr, "sandbox: %s\n", qPrintable(error));
        return 1;
    }
    const EngineConnection connection = connectionFor(*sandbox);

    std::printf("bench_sync: --scale %d, Marketo window %d calls / %d s (client budget %d)\n",
                people, kServerCalls, kWindowSeconds, kClientCalls);
    const QString workspace = dir.filePath(QStringLiteral("bench.sqlite"));
    qint64 wallMs = 0;
    const RunResult full = run(workspace, connection, &wallMs);
    print("Full run", full, wallMs);
    // Real runs are minutes apart; without a pause the full run's last calls still count in the
    // server's window, which a fresh client cannot know of (a 606 that measures the bench).
    {
        QEventLoop pause;
        QTimer::singleShot(kWindowSeconds * 1000, &pause, &QEventLoop::quit);
        pause.exec();
    }
    const RunResult incremental = run(workspace, connection, &wallMs);
    print("Incremental run, nothing changed", incremental, wallMs);

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("\npeak memory (sandbox included): %.1f MB\n", usage.ru_maxrss / 1024.0);

    // The same org again, fresh, with 615 answered to 10% of the Marketo calls (replayable).
    sandbox.reset();
    options.faults = QStringLiteral("mkto:615~/rest/@0.1");
    sandbox = std::make_unique<sandbox::Sandbox>();
    if (!sandbox->start(options, &error)) {
        std::fprintf(stderr, "sandbox: %s\n", qPrintable(error));
        return 1;
    }
    const RunResult limited = run(dir.filePath(QStringLiteral("bench-615.sqlite")),
                                  connectionFor(*sandbox), &wallMs);
    print("Full run, 615 on 10% of the Marketo calls", limited, wallMs);
    return full.runId > 0 && incremental.runId > 0 && limited.runId > 0 ? 0 : 1;
}
