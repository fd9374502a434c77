using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;
using Telemetry.Producer.Simulation;

namespace Telemetry.Cli.Commands.Demo;

/// <summary>
/// The whole pipeline on the local stack: up, function host, simulator, wait for the consumer by
/// sequence numbers, then reconcile readings sent with readings counted in the rollups.
/// </summary>
public sealed class DemoCommand(IAnsiConsole console, TimeProvider time, Random random) : AsyncCommand<DemoSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        var log = settings.Json ? (Action<string>)(_ => { }) : line => console.MarkupLineInterpolated($"[grey]{line}[/]");
        var dataDirectory = settings.ResolvedDataDirectory;
        var state = await LocalStack.UpAsync(settings.ToOptions(), log, cancellationToken);

        // A run id in every device id keeps this run's rollups apart from earlier runs on the same stack.
        var runId = $"demo{time.GetUtcNow():HHmmss}{random.Next(100, 999)}";
        var options = new SimulatorOptions
        {
            Devices = settings.Devices,
            RatePerDevice = settings.Rate,
            Duration = settings.ParsedDuration,
            Seed = settings.Seed,
            StreamName = state.StreamName,
            DeviceIdPrefix = runId + "-",
        };

        var before = ConsumerCounters.Read(dataDirectory, state);
        // The simulator retries failed entries and calls itself; a retrying client under it would multiply the attempts.
        using var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis), maxRetries: 0);
        var result = await new DemoSimulation(console, time, settings.Json).RunAsync(options, kinesis, cancellationToken);

        // After Ctrl+C the simulator has flushed what it generated; reconciling that is still worth
        // doing, bounded by the catch-up timeout. A second Ctrl+C ends the process.
        cancellationToken = CancellationToken.None;
        var caughtUp = true;
        try
        {
            await LocalConsumer.WaitUntilCaughtUpAsync(ConsumerCounters.Function, state, dataDirectory, result.LastSequenceNumberByShard, settings.ParsedCatchUpTimeout, time, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            caughtUp = false;
            log(e.Message);
        }

        using var dynamo = LocalAws.DynamoDb(state.EmulatorEndpoint(EmulatorKind.DynamoDb));
        var reader = new Telemetry.Storage.Rollups.RollupReader(dynamo, state.TableName);
        var counted = await reader.CountReadingsAsync(Telemetry.Processing.Resolution.Minute, $"{runId}-", cancellationToken);
        var report = new DemoReport(runId, result, counted, caughtUp, (await ConsumerCounters.ReadAfterAsync(dataDirectory, state, time.GetUtcNow(), time, cancellationToken)).Since(before), dataDirectory);

        if (settings.Json)
        {
            JsonOutput.Write(console, report.ToJson());
        }
        else
        {
            var sampleDevice = options.DeviceIdPrefix + Telemetry.Producer.Devices.Fleet.Generate(settings.Devices, settings.Seed).Devices[0].DeviceId;
            var sample = await reader.QueryAsync(sampleDevice, Telemetry.Processing.Resolution.Minute, null, null, null, cancellationToken);
            report.Write(console, sample);
        }

        return report.Reconciled ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
