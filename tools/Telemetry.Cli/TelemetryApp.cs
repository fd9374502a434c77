using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Cli.Commands;
using Telemetry.Cli.Commands.Alerts;
using Telemetry.Cli.Commands.Archive;
using Telemetry.Cli.Commands.Bench;
using Telemetry.Cli.Commands.Cost;
using Telemetry.Cli.Commands.Dashboard;
using Telemetry.Cli.Commands.Demo;
using Telemetry.Cli.Commands.Local;
using Telemetry.Cli.Commands.Query;
using Telemetry.Cli.Commands.Redrive;
using Telemetry.Cli.Commands.Replay;
using Telemetry.Cli.Commands.Verify;
using Telemetry.Aws.Pulumi;
using Telemetry.Producer.Cli;

namespace Telemetry.Cli;

/// <summary>The <c>telemetry</c> command tree.</summary>
public static class TelemetryApp
{
    public static CommandApp Create(IAnsiConsole console) => Create(console, new PulumiProcess());

    /// <summary>The command tree with <paramref name="pulumi"/> answering <c>--stack</c> look-ups (tests pass a fake).</summary>
    public static CommandApp Create(IAnsiConsole console, IPulumiCommand pulumi) => Create(console, pulumi, Console.Error);

    /// <summary>The command tree with progress written to <paramref name="standardError"/> (tests capture it).</summary>
    public static CommandApp Create(IAnsiConsole console, IPulumiCommand pulumi, TextWriter standardError)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            // Commands take these through their constructors, so tests can hand in a TestConsole and a fake Pulumi.
            config.Settings.Registrar.RegisterInstance<IAnsiConsole>(console);
            config.Settings.Registrar.RegisterInstance<IPulumiCommand>(pulumi);
            config.Settings.Registrar.RegisterInstance<TimeProvider>(TimeProvider.System);
            config.Settings.Registrar.RegisterInstance<Random>(Random.Shared);
            config.Settings.Registrar.RegisterInstance<IKinesisClientFactory>(new StackKinesisClientFactory());
            config.Settings.Registrar.RegisterInstance(new StandardError(standardError));
            // What to type from the repository root: the launcher script there (see README).
            config.SetApplicationName("./telemetry");
            // An unknown flag is an error (exit 2), never ignored: a mistyped --data-dir must not reset the default stack.
            config.UseStrictParsing();
            config.Settings.Console = console;
            config.Settings.ExceptionHandler = (exception, _) => ErrorReporter.Report(console, exception);
            config.AddBranch("local", local =>
            {
                local.SetDescription("Run the pipeline locally: real emulators (kinesalite, dynalite, s3rver) and the function service that consumes the stream.");
                local.AddCommand<LocalUpCommand>("up").WithDescription("Start the emulators (installing them on first use), create the stream, table and bucket, and start the function service. Idempotent: restarts only what is down.")
                    .WithExample("local", "up", "--shards", "4");
                local.AddCommand<LocalDownCommand>("down").WithDescription("Stop the function service and the emulators this stack started (by recorded PID). Data and checkpoints are kept.");
                local.AddCommand<LocalStatusCommand>("status").WithDescription("Show each process, and per consumer: records processed, checkpoint and backlog per shard, last error. Exit 0 when everything runs.")
                    .WithExample("local", "status", "--json");
                local.AddCommand<LocalLogsCommand>("logs").WithDescription("Show the logs of the function service and the emulators.")
                    .WithExample("local", "logs", "--follow", "--component", "functions");
                local.AddCommand<LocalResetCommand>("reset").WithDescription("Stop the emulators and delete all local data (streams, tables, objects, checkpoints).")
                    .WithExample("local", "reset", "--yes");
                local.AddCommand<LocalFaultsCommand>("faults").WithDescription("Show the faults the stack's fault proxy injects, or switch a profile on (for a while) or off.")
                    .WithExample("local", "faults")
                    .WithExample("local", "faults", "dynamodb-outage", "--for", "2m")
                    .WithExample("local", "faults", "off");
                local.AddCommand<LocalEnvCommand>("env").WithDescription("Print the AWS_* variables that point any AWS SDK or the aws CLI at the local stack.")
                    .WithExample("local", "env");
            });
            config.AddBranch("query", query =>
            {
                query.SetDescription("Read what the pipeline wrote.");
                query.AddCommand<QueryRollupsCommand>("rollups").WithDescription("Per-device statistics by window (1m or 1h).")
                    .WithExample("query", "rollups", "--device", "thermostat-0001", "--metric", "temperature", "--from", "2026-11-26T04:00:00Z", "--resolution", "1m")
                    .WithExample("query", "rollups", "--device", "thermostat-0001", "--stack", "dev");
                query.AddCommand<QueryAlertsCommand>("alerts").WithDescription("Alert episodes raised and cleared, by start time (the alerter's history).")
                    .WithExample("query", "alerts", "--state", "open")
                    .WithExample("query", "alerts", "--device", "thermostat-0001", "--since", "2h", "--json");
                query.AddCommand<QueryRejectedCommand>("rejected").WithDescription("Records the aggregator set aside (malformed, too late, future), with the reason.")
                    .WithExample("query", "rejected", "--day", "2026-11-26");
            });
            config.AddBranch("archive", archive =>
            {
                archive.SetDescription("Read the raw archive the delivery stream writes to S3 (Firehose in AWS, the local delivery stream locally).");
                archive.AddCommand<ArchiveLsCommand>("ls").WithDescription("The archive's objects in arrival order: key, arrival range, size and record count.")
                    .WithExample("archive", "ls")
                    .WithExample("archive", "ls", "--from", "2h", "--json");
                archive.AddCommand<ArchiveCatCommand>("cat").WithDescription("The archived readings across objects, in arrival order: one line each, or NDJSON as archived (--json). Progress on stderr.")
                    .WithExample("archive", "cat", "--device", "thermostat-0001")
                    .WithExample("archive", "cat", "--from", "2026-11-26T10:00:00Z", "--to", "2026-11-26T11:00:00Z", "--json");
            });
            config.AddBranch("alerts", alerts =>
            {
                alerts.SetDescription("Alert events as they happen (the history is 'query alerts').");
                alerts.AddCommand<AlertsTailCommand>("tail").WithDescription("Follow alert events live: one line per event (--json: NDJSON), through a queue of its own attached to the fan-out and removed when it ends.")
                    .WithExample("alerts", "tail")
                    .WithExample("alerts", "tail", "--json", "--for", "5m")
                    .WithExample("alerts", "tail", "--stack", "dev", "--device", "thermostat-0001");
            });
            config.AddCommand<ProduceCommand>("simulate").WithDescription("The device simulator: put readings of a simulated fleet on the stream (the local stack when it runs, else AWS; --stack for a deployed stack).")
                .WithExample("simulate", "--devices", "20", "--duration", "30s")
                .WithExample("simulate", "--readings", "10000", "--no-pace", "--json");
            config.AddCommand<RedriveCommand>("redrive").WithDescription("Re-drive the batches a stream function skipped (its on-failure destination): read each range back from the stream and process it as the function does. Each reading counts once however often it is re-driven.")
                .WithExample("redrive", "--dry-run")
                .WithExample("redrive", "--stack", "dev", "--json");
            config.AddCommand<VerifyCommand>("verify").WithDescription("Reconcile a simulator's ledger with the rollups and the rejected sink, per device: readings missing, counted twice, expected rejects absent. Exit 1 on any mismatch.")
                .WithExample("verify")
                .WithExample("verify", "--ledger", "run1.json", "--wait", "2m", "--json");
            config.AddCommand<ReplayCommand>("replay").WithDescription("Read the stream back from a point in time (every shard, parents before children, up to --to or the tip) and write the readings as NDJSON to stdout or a file, apply them to the rollups through the aggregator's own processing (--into rollups: what is counted stays counted once), or count them (--dry-run). Progress on stderr.")
                .WithExample("replay", "--from", "2h", "--into", "last-2h.ndjson")
                .WithExample("replay", "--from", "2026-11-26T10:00:00Z", "--to", "2026-11-26T11:00:00Z", "--device", "thermostat-0001")
                .WithExample("replay", "--from", "30m", "--into", "rollups")
                .WithExample("replay", "--from", "30m", "--dry-run", "--json");
            config.AddCommand<BenchCommand>("bench").WithDescription("Measure the pipeline on a local stack of its own, each figure beside its baseline from the same run: producer vs a raw PutRecords loop, DynamoDB write requests per reading vs one write per reading, end-to-end latency, peak memory (docs/performance.md).")
                .WithExample("bench")
                .WithExample("bench", "--devices", "2000", "--duration", "10m", "--json");
            config.AddCommand<CostCommand>("cost").WithDescription("A month of the pipeline in AWS for a fleet, per service and per million readings: usage per reading measured by 'telemetry bench' times the dated list prices of config/aws-prices.json, beside the one-write-per-reading baseline and provisioned Kinesis.")
                .WithExample("cost", "--devices", "10000", "--rate", "1")
                .WithExample("cost", "--devices", "100000", "--rate", "0.1", "--json");
            config.AddCommand<DemoCommand>("demo").WithDescription("Run the whole pipeline locally: stack, function host, simulator (optionally through injected faults); then verify the ledger against the rollups.")
                .WithExample("demo", "--devices", "50", "--duration", "30s")
                .WithExample("demo", "--faults", "flaky", "--duplicates", "0.05", "--poison", "0.02");
            config.AddCommand<DashboardCommand>("dashboard").WithDescription("Serve a live dashboard on 127.0.0.1: the fleet's latest readings and alert state, a device's charts with percentiles, open and recent alerts, the pipeline's health. Reads the local stack or a deployed one; writes nothing.")
                .WithExample("dashboard")
                .WithExample("dashboard", "--port", "8080", "--stack", "dev");
        });
        return app;
    }
}
