using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Telemetry.Cli.Commands.Query;
using Telemetry.Producer.Simulation;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Demo;

internal sealed record DemoReport(string RunId, SimulatorResult Result, long Counted, bool CaughtUp, ConsumerCounters Consumer, string DataDirectory)
{
    public bool Reconciled => CaughtUp && Result.AllSent && Result.Sent == Counted;

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["runId"] = RunId,
        ["sent"] = Result.Sent,
        ["counted"] = Counted,
        ["failed"] = Result.Failed,
        ["retries"] = Result.Retries,
        ["caughtUp"] = CaughtUp,
        ["interrupted"] = Result.Cancelled,
        ["reconciled"] = Reconciled,
        ["batchesInvoked"] = Consumer.BatchesInvoked,
        ["recordsDelivered"] = Consumer.RecordsDelivered,
        ["skippedRecords"] = Consumer.SkippedRecords,
        ["elapsedSeconds"] = Math.Round(Result.Elapsed.TotalSeconds, 1),
    });

    public void Write(IAnsiConsole console, IReadOnlyList<RollupRow> sample)
    {
        var verdict = Reconciled ? "[green]reconciled[/]" : "[red]NOT reconciled[/]";
        if (Result.Cancelled)
        {
            console.MarkupLine("[yellow]Interrupted:[/] the simulator stopped early and flushed what it had generated.");
        }

        console.MarkupLineInterpolated($"Readings sent: [bold]{Result.Sent}[/]   counted in 1m rollups: [bold]{Counted}[/]   failed: {Result.Failed}   retries: {Result.Retries}");
        console.MarkupLine($"Consumer: {Consumer.BatchesInvoked.ToString(CultureInfo.InvariantCulture)} batches, {Consumer.RecordsDelivered.ToString(CultureInfo.InvariantCulture)} records delivered, caught up: {(CaughtUp ? "yes" : "[red]no[/]")} — {verdict}");
        if (sample.Count > 0)
        {
            console.MarkupLineInterpolated($"A few 1-minute rollups of {sample[0].DeviceId}:");
            console.Write(RollupTableView.Render(sample.Take(3)));
            console.MarkupLineInterpolated($"Query more:  ./telemetry query rollups --device {sample[0].DeviceId} --resolution 1h");
        }

        console.MarkupLine("Stop the stack: ./telemetry local down    (delete its data: ./telemetry local reset --yes)");
    }
}
