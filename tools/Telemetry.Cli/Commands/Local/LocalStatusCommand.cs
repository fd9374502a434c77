using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;
using Telemetry.Processing.Metrics;

namespace Telemetry.Cli.Commands.Local;

public sealed class LocalStatusCommand(IAnsiConsole console, TimeProvider time) : AsyncCommand<LocalStatusCommand.Settings>
{
    public sealed class Settings : LocalSettings
    {
        [CommandOption("--json")]
        [Description("Print one JSON object instead of tables. Example: ./telemetry local status --json")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var dataDirectory = settings.ResolvedDataDirectory;
        var state = LocalStackState.Load(dataDirectory);
        var report = state is null ? null : await LocalStatusReport.ReadAsync(state, dataDirectory, time.GetUtcNow(), cancellationToken);
        if (settings.Json)
        {
            JsonOutput.Write(console, report ?? LocalStatusReport.NothingRecorded);
        }
        else if (report is null)
        {
            console.MarkupLine("No local stack is recorded. Start one with [bold]./telemetry local up[/].");
        }
        else
        {
            Write(console, report);
        }

        return report?.Running == true ? ExitCodes.Ok : ExitCodes.Failed;
    }

    internal static void Write(IAnsiConsole console, LocalStatusReport report)
    {
        var processes = new Table().AddColumns("process", "endpoint / log", "pid", "state");
        foreach (var emulator in report.Emulators)
        {
            processes.AddRow(Markup.Escape(emulator.Kind), Markup.Escape(emulator.Endpoint), Number(emulator.Pid), State(emulator.Running));
        }

        if (report.FaultProxy is { } proxy)
        {
            var faults = proxy.Profile switch
            {
                null => "faults: ?",
                "off" => "no faults",
                var p when proxy.LeaseExpiresAt is { } until => $"faults: {p} until {until:HH:mm:ss}Z",
                var p => $"faults: {p}",
            };
            processes.AddRow(
                "fault proxy",
                Markup.Escape($"Kinesis {proxy.Kinesis}, DynamoDB {proxy.DynamoDb} ({faults})"),
                Number(proxy.Pid),
                State(proxy.Running));
        }

        var functions = report.Functions;
        processes.AddRow("functions", Markup.Escape(functions?.Log ?? "-"), functions is null ? "-" : Number(functions.Pid), State(functions?.Running == true));
        console.Write(processes);
        if (report.Alerts is { } alerts)
        {
            var counts = alerts is { Messages: { } waiting, DeadLetters: { } dead }
                ? string.Create(CultureInfo.InvariantCulture, $"{waiting} waiting, {dead} in the dead-letter queue")
                : "moto does not answer";
            console.MarkupLineInterpolated($"alert queue: {alerts.QueueUrl} ({counts})");
        }

        if (report.Consumers.Count == 0)
        {
            return;
        }

        var consumers = new Table().AddColumns("consumer", "state", "processed", "shard", "checkpoint", "pending", "oldest pending", "last error");
        foreach (var consumer in report.Consumers)
        {
            var first = true;
            foreach (var shard in consumer.Shards.DefaultIfEmpty())
            {
                consumers.AddRow(
                    first ? Markup.Escape(consumer.Function) : string.Empty,
                    ShardState(consumer, shard, first),
                    first ? Number(consumer.RecordsProcessed) : string.Empty,
                    Markup.Escape(shard?.ShardId ?? "-"),
                    Markup.Escape(shard?.Checkpoint ?? "-"),
                    shard is null ? "?" : Number(shard.PendingRecords) + (shard.PendingIsAtLeast ? "+" : string.Empty),
                    shard?.OldestPendingSeconds is { } age ? string.Create(CultureInfo.InvariantCulture, $"{age:0.#}s") : "-",
                    first ? Markup.Escape(consumer.LastError ?? "-") : string.Empty);
                first = false;
            }
        }

        console.Write(consumers);
        if (report.LagError is { } error)
        {
            console.MarkupLineInterpolated($"[yellow]Lag unknown:[/] {error}");
        }

        if (report.Metrics.Count > 0)
        {
            console.Write(MetricsTable(report.Metrics));
        }
    }

    // The counters the deployment's dashboard graphs, summed from the same metric lines (docs/function-metrics.md).
    private static Table MetricsTable(IReadOnlyList<FunctionMetricsTotals> metrics)
    {
        var table = new Table()
            .Title("function metrics (from functions.log)")
            .AddColumns("function", "invocations", "records", "accepted", "rejected (last hour)", "windows written", "conflicts retried", "alerts raised / cleared", "last batch age");
        foreach (var function in metrics)
        {
            long Total(string name) => function.Totals.GetValueOrDefault(name);
            table.AddRow(
                Markup.Escape(function.Function),
                Number(function.Invocations),
                Number(Total(FunctionMetricNames.Records)),
                Number(Total(FunctionMetricNames.ReadingsAccepted)),
                $"{Number(Total(FunctionMetricNames.RecordsRejected))} ({Number(function.RejectedLastHour)})",
                Number(Total(FunctionMetricNames.WindowsWritten)),
                Number(Total(FunctionMetricNames.WriteConflictsRetried)),
                $"{Number(Total(FunctionMetricNames.AlertsRaised))} / {Number(Total(FunctionMetricNames.AlertsCleared))}",
                function.LastBatchAgeMs is { } age ? Durations.Format(TimeSpan.FromMilliseconds(age)) : "-");
        }

        return table;
    }

    private static string State(bool running) => running ? "[green]running[/]" : "[red]stopped[/]";

    // A retrying shard is the one sign of an outage the mapping waits out instead of skipping records.
    private static string ShardState(ConsumerReport consumer, ShardReport? shard, bool first) =>
        shard?.Retrying is { } retrying && consumer.Running
            ? string.Create(CultureInfo.InvariantCulture, $"[yellow]retrying[/] ({retrying.Failures} failures since {retrying.Since.ToLocalTime():HH:mm:ss})")
            : first ? State(consumer.Running) : string.Empty;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
