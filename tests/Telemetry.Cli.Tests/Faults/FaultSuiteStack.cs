using System.Diagnostics;
using System.Text.Json;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;
using Telemetry.Producer.Faults;
using Telemetry.Producer.Ledger;
using Telemetry.Producer.Simulation;

namespace Telemetry.Cli.Tests.Faults;

// A local stack of its own (free ports, a temporary data folder) with the simulator run in-process, writing its
// ledger, so that a test can hurt the stack while readings flow and then ask `verify` what survived.
internal sealed class FaultSuiteStack : IAsyncDisposable
{
    private FaultSuiteStack(string dataDirectory, LocalStackOptions options, LocalStackState state)
    {
        DataDirectory = dataDirectory;
        Options = options;
        State = state;
    }

    public string DataDirectory { get; }

    public LocalStackOptions Options { get; }

    public LocalStackState State { get; private set; }

    public string LedgerPath => Path.Combine(DataDirectory, LedgerLocation.LocalFolder, "run.json");

    public static async Task<FaultSuiteStack> UpAsync()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-faults-").FullName;
        var options = new LocalStackOptions { DataDirectory = data, ShardCount = 2, FlushInterval = TimeSpan.FromSeconds(1) }.WithFreePorts();
        return new FaultSuiteStack(data, options, await LocalStack.UpAsync(options));
    }

    public async Task<LocalStackState> UpAgainAsync() => State = await LocalStack.UpAsync(Options);

    /// <summary>Runs the paced simulator with these faults; the ledger is complete when it returns.</summary>
    public async Task<SimulatorResult> SimulateAsync(int devices, TimeSpan duration, double rate, FaultOptions faults)
    {
        var time = TimeProvider.System;
        var options = new SimulatorOptions
        {
            Devices = devices,
            RatePerDevice = rate,
            Duration = duration,
            StreamName = State.StreamName,
            Seed = 7,
            Faults = faults,
        };
        var recorder = new LedgerRecorder(options.StreamName, options.Seed, time.GetUtcNow(), faults.AllowedLateness);
        await using var autosave = new LedgerAutosave(recorder, LedgerPath, time);
        using var kinesis = LocalClients.Kinesis(State.Endpoint(EmulatorKind.Kinesis), maxRetries: 0);
        var result = await new Simulator(time).RunAsync(options, kinesis, null, CancellationToken.None, recorder);
        await autosave.CompleteAsync(result.Cancelled);
        return result;
    }

    /// <summary><c>verify --json</c> on this stack's ledger, waiting for the consumer to catch up.</summary>
    public async Task<(int ExitCode, JsonElement Report)> VerifyAsync(TimeSpan wait)
    {
        var (exitCode, output) = await CliRunner.RunAsync(
            ["verify", "--ledger", LedgerPath, "--data-dir", DataDirectory, "--target", "local", "--wait", $"{(int)wait.TotalSeconds}s", "--json"]);
        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        return (exitCode, json.RootElement.Clone());
    }

    public long RecordsProcessed() =>
        FunctionServiceStatus.Load(DataDirectory)?.Consumers.Where(c => c.Function == "aggregator").Sum(c => c.RecordsProcessed) ?? 0;

    public static void KillHard(int processId)
    {
        using var process = Process.GetProcessById(processId);
        process.Kill(); // SIGKILL on Linux: nothing is flushed or checkpointed on the way out.
        process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        await LocalStack.ResetAsync(DataDirectory);
    }
}
