using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Cli.Commands.Verify;
using Telemetry.Contracts;
using Telemetry.Local.Archive;
using Telemetry.Local.Emulators;
using Telemetry.Local.Faults;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;
using Telemetry.Producer.Ledger;
using Telemetry.Producer.Simulation;
using Telemetry.Storage.Alerts;

namespace Telemetry.Cli.Commands.Demo;

/// <summary>
/// The whole pipeline on the local stack: up, function host, simulator (through injected faults if asked), wait for
/// the consumer by sequence numbers, then verify the simulator's ledger against the rollups and the rejected sink.
/// </summary>
public sealed class DemoCommand(IAnsiConsole console, TimeProvider time, Random random) : AsyncCommand<DemoSettings>
{
    // Beyond the run and its catch-up, how long injected faults may outlive a demo that died without switching them off.
    private static readonly TimeSpan FaultLeaseMargin = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan AlertMargin = TimeSpan.FromSeconds(30);

    private const string AlerterFunction = "alerter";

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
            Aggregate = settings.Aggregate,
            StreamName = state.StreamName,
            DeviceIdPrefix = runId + "-",
            Faults = settings.ToFaults(),
            Anomalies = settings.ToAnomalies(),
        };

        await using var faults = new DemoFaults(state, settings.Faults, settings.Seed);
        if (!await faults.SwitchOnAsync(settings.ParsedDuration + settings.ParsedCatchUpTimeout + FaultLeaseMargin, console, cancellationToken))
        {
            return ExitCodes.Usage;
        }

        if (!settings.AnomaliesAsked)
        {
            log(options.Anomalies.Any
                ? $"Anomalies (the default, as many as fit the run): {options.Anomalies.Excursions} excursion(s), {options.Anomalies.Flapping} flapping, {options.Anomalies.Silences} silence(s)."
                : $"No anomalies: a {settings.Duration} run is too short for the default ones (a silence needs about 100 s); give --duration 2m, or --excursions N.");
        }

        // Subscribed before the first reading, so that none of the run's alerts can be missed.
        await using var alerts = await DemoAlerts.StartAsync(state, AlertsConfig.Read().QueueName, options.DeviceIdPrefix, console, settings.Json, time, cancellationToken);
        var before = ConsumerCounters.Read(dataDirectory, state);
        var recorder = new LedgerRecorder(options.StreamName, options.Seed, time.GetUtcNow(), options.Faults.AllowedLateness);
        var ledgerPath = Path.Combine(dataDirectory, LedgerLocation.LocalFolder, $"{runId}.json");
        SimulatorResult result;
        await using (var autosave = new LedgerAutosave(recorder, ledgerPath, time))
        {
            // The simulator retries failed entries and calls itself; a retrying client under it would multiply the attempts.
            using var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis), maxRetries: 0);
            result = await new DemoSimulation(console, time, settings.Json).RunAsync(options, kinesis, recorder, cancellationToken);
            await autosave.CompleteAsync(result.Cancelled);
        }

        // After Ctrl+C the simulator has flushed what it generated; verifying that is still worth doing, bounded by
        // the catch-up timeout. A second Ctrl+C ends the process.
        cancellationToken = CancellationToken.None;
        var caughtUp = true;
        try
        {
            await LocalConsumer.WaitUntilCaughtUpAsync(ConsumerCounters.Function, state, dataDirectory, result.LastSequenceNumberByShard, settings.ParsedCatchUpTimeout, time, cancellationToken);
            await LocalConsumer.WaitUntilCaughtUpAsync(AlerterFunction, state, dataDirectory, result.LastSequenceNumberByShard, settings.ParsedCatchUpTimeout, time, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            caughtUp = false;
            log(e.Message);
        }

        // A silence is reported by the watchdog's next run at the latest (docs/alerter.md), hence one period and a margin.
        var alertWait = PipelineConfig.Schedules().Where(s => s.Name == "watchdog").Select(s => s.Every).DefaultIfEmpty(TimeSpan.Zero).Max() + AlertMargin;
        var alertCheck = await alerts.CheckAsync(result.Anomalies, options.DeviceIdPrefix, caughtUp ? alertWait : TimeSpan.Zero, time, cancellationToken);
        if (alerts.Failure is { } failure)
        {
            log($"The demo's alert subscriber stopped early: {failure}");
        }

        // The archive stores its last buffer up to a buffering interval after the last record (often while the alert
        // check above waited): once it has, `telemetry archive cat` shows every reading of the run.
        var archiveSettings = PipelineConfig.Archive();
        if (caughtUp && archiveSettings is not null)
        {
            try
            {
                await LocalConsumer.WaitUntilCaughtUpAsync(LocalConsumer.ArchiveConsumer, state, dataDirectory, result.LastSequenceNumberByShard, settings.ParsedCatchUpTimeout, time, cancellationToken);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                log($"The archive has not stored every record yet: {e.Message}");
            }
        }

        var injected = await faults.SwitchOffAsync(cancellationToken);
        using var dynamo = LocalAws.DynamoDb(state.EmulatorEndpoint(EmulatorKind.DynamoDb));
        // The run's devices stop for good: retired from the watchdog's last-seen records, they are not reported silent
        // a minute after the demo (their alert history stays).
        var fleet = Telemetry.Producer.Devices.Fleet.Generate(settings.Devices, settings.Seed).Devices.Select(d => options.DeviceIdPrefix + d.DeviceId).ToList();
        if (await new SeenStore(dynamo, state.TableName).ForgetAsync(fleet, cancellationToken) is [_, ..] kept)
        {
            log($"{kept.Count} device(s) of the run could not be retired from the watchdog's records; they will be reported silent.");
        }

        var ledger = recorder.Snapshot(time.GetUtcNow(), complete: true);
        var verified = await LedgerVerifier.VerifyAsync(dynamo, state.TableName, ledger, time.GetUtcNow(), cancellationToken);
        if (archiveSettings is not null)
        {
            // The archive is part of the verdict: every reading the simulator had acknowledged must be in an object.
            using var s3 = LocalAws.S3(state.EmulatorEndpoint(EmulatorKind.S3));
            var archive = new ArchiveReader(s3, state.BucketName, archiveSettings.Prefix);
            verified = verified with { Archive = await new ArchiveCoverageReader(archive, ledger, log).RefreshAsync(cancellationToken) };
        }

        var consumer = (await ConsumerCounters.ReadAfterAsync(dataDirectory, state, time.GetUtcNow(), time, cancellationToken)).Since(before);
        var report = new DemoReport(runId, result, verified, caughtUp, consumer, settings.Faults, injected, ledgerPath, alertCheck);

        if (settings.Json)
        {
            JsonOutput.Write(console, report.ToJson());
        }
        else
        {
            var reader = new Telemetry.Storage.Rollups.RollupReader(dynamo, state.TableName);
            var sampleDevice = options.DeviceIdPrefix + Telemetry.Producer.Devices.Fleet.Generate(settings.Devices, settings.Seed).Devices[0].DeviceId;
            var sample = await reader.QueryAsync(sampleDevice, Telemetry.Processing.Resolution.Minute, null, null, null, cancellationToken);
            report.Write(console, sample);
        }

        return report.Reconciled ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
