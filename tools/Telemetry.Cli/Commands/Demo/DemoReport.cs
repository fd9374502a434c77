using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Telemetry.Cli.Commands.Query;
using Telemetry.Cli.Commands.Verify;
using Telemetry.Local.Faults;
using Telemetry.Producer.Simulation;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Demo;

internal sealed record DemoReport(
    string RunId,
    SimulatorResult Result,
    VerifyReport Verified,
    bool CaughtUp,
    ConsumerCounters Consumer,
    string FaultProfile,
    FaultProxyStatus? Injected,
    string Ledger,
    AlertCheck Alerts)
{
    public bool Reconciled => CaughtUp && Verified.Ok && Alerts.Ok;

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["runId"] = RunId,
        ["sent"] = Result.Sent,
        ["expected"] = Verified.Expected,
        ["counted"] = Verified.Counted,
        ["missing"] = Verified.Missing,
        ["duplicated"] = Verified.Duplicated,
        ["rejectsExpected"] = Verified.RejectsExpected,
        ["rejectsMissing"] = Verified.RejectsMissing,
        ["archive"] = Verified.Archive is { } archive
            ? new Dictionary<string, object?>
            {
                ["ok"] = archive.Ok,
                ["objects"] = archive.Objects,
                ["unreadable"] = archive.Unreadable,
                ["expected"] = archive.Expected,
                ["missing"] = archive.Missing,
                ["duplicated"] = archive.Duplicated,
            }
            : null,
        ["failed"] = Result.Failed,
        ["retries"] = Result.Retries,
        ["caughtUp"] = CaughtUp,
        ["interrupted"] = Result.Cancelled,
        ["reconciled"] = Reconciled,
        ["faults"] = FaultProfile,
        ["injected"] = Injected?.Upstreams,
        ["batchesInvoked"] = Consumer.BatchesInvoked,
        ["recordsDelivered"] = Consumer.RecordsDelivered,
        ["skippedRecords"] = Consumer.SkippedRecords,
        ["ledger"] = Ledger,
        ["anomalies"] = Result.Anomalies,
        ["alerts"] = new Dictionary<string, object?>
        {
            ["raised"] = Alerts.Raised,
            ["cleared"] = Alerts.Cleared,
            ["silent"] = Alerts.Silent,
            ["resumed"] = Alerts.Resumed,
            ["expected"] = Alerts.Expected,
            ["missing"] = Alerts.Missing,
            ["unexpected"] = Alerts.Unexpected,
        },
        ["elapsedSeconds"] = Math.Round(Result.Elapsed.TotalSeconds, 1),
    }, JsonOutput.Options);

    public void Write(IAnsiConsole console, IReadOnlyList<RollupRow> sample)
    {
        var verdict = Reconciled ? "[green]reconciled[/]" : "[red]NOT reconciled[/]";
        if (Result.Cancelled)
        {
            console.MarkupLine("[yellow]Interrupted:[/] the simulator stopped early and flushed what it had generated.");
        }

        if (Injected is { } injected)
        {
            foreach (var (upstream, status) in injected.Upstreams)
            {
                var c = status.Counters;
                console.MarkupLineInterpolated($"Faults injected ({FaultProfile}) on {upstream}: {c.Calls} calls, {c.FailedEntries} entries failed, {c.DroppedResponses} answers dropped after success, {c.Throttled} throttled, {c.ServerErrors} 5xx, {c.Resets} connections cut, {c.Delayed} delayed");
            }
        }

        console.MarkupLineInterpolated($"Records put: {Result.Sent}   failed: {Result.Failed}   retries: {Result.Retries}   ledger: {Ledger}");
        console.MarkupLineInterpolated($"Readings expected: [bold]{Verified.Expected}[/]   counted once: [bold]{Verified.Counted}[/]   missing: [bold]{Verified.Missing}[/]   counted twice: [bold]{Verified.Duplicated}[/]   rejects expected: {Verified.RejectsExpected}, missing: {Verified.RejectsMissing}");
        if (Verified.Archive is { } archive)
        {
            console.MarkupLineInterpolated(
                $"Archive: {archive.Expected - archive.Missing} of {archive.Expected} acknowledged readings in {archive.Objects} object(s), missing: [bold]{archive.Missing}[/], archived twice: {archive.Duplicated} (allowed). See them: ./telemetry archive cat");
            if (archive.Unreadable > 0)
            {
                console.MarkupLineInterpolated($"[red]{archive.Unreadable} archive object(s) could not be read: ./telemetry archive ls names them.[/]");
            }
        }

        foreach (var anomaly in Result.Anomalies)
        {
            var expected = string.Join(", ", anomaly.Expected.Select(e => $"{e.DetailType} at {e.At.UtcDateTime:HH:mm:ss}"));
            console.MarkupLineInterpolated($"Anomaly: {anomaly.DeviceId} {anomaly.Kind.ToString().ToLowerInvariant()} {anomaly.RuleId ?? "silence"}, expect {expected}");
        }

        console.MarkupLineInterpolated(
            $"Alerts: {Alerts.Raised} raised, {Alerts.Cleared} cleared, {Alerts.Silent} silent, {Alerts.Resumed} resumed; {Alerts.Expected - Alerts.Missing.Count} of {Alerts.Expected} expected arrived, {Alerts.Unexpected.Count} unexpected");
        foreach (var missing in Alerts.Missing)
        {
            console.MarkupLineInterpolated($"[red]  expected but not received: {missing}[/]");
        }

        foreach (var unexpected in Alerts.Unexpected)
        {
            console.MarkupLineInterpolated($"[red]  received but not planned: {unexpected}[/]");
        }

        console.MarkupLine($"Consumer: {Consumer.BatchesInvoked.ToString(CultureInfo.InvariantCulture)} batches, {Consumer.RecordsDelivered.ToString(CultureInfo.InvariantCulture)} records delivered, caught up: {(CaughtUp ? "yes" : "[red]no[/]")} — {verdict}");
        if (sample.Count > 0)
        {
            console.MarkupLineInterpolated($"A few 1-minute rollups of {sample[0].DeviceId}:");
            console.Write(RollupTableView.Render(sample.Take(3)));
            console.MarkupLineInterpolated($"Query more:  ./telemetry query rollups --device {sample[0].DeviceId} --resolution 1h");
        }

        if (!Verified.Ok)
        {
            console.MarkupLineInterpolated($"Details: ./telemetry verify --ledger {Ledger}");
        }

        console.MarkupLine("Stop the stack: ./telemetry local down    (delete its data: ./telemetry local reset --yes)");
    }
}
