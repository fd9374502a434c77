using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Telemetry.Contracts;
using Telemetry.Producer.Anomalies;
using Telemetry.Producer.Ledger;
using Telemetry.Producer.Replay;
using Telemetry.Producer.Simulation;

namespace Telemetry.Producer.Cli;

/// <summary>The end-of-run summary, pretty or as one JSON object for scripts.</summary>
public static class SummaryWriter
{
    public static void WritePretty(IAnsiConsole console, SimulatorOptions options, SimulatorResult result, string? ledgerPath = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        var grid = new Grid().AddColumns(2)
            .AddRow("stream", Markup.Escape(options.StreamName))
            .AddRow("generated", Count(result.Generated))
            .AddRow("sent", Count(result.Sent))
            .AddRow("retries", Count(result.Retries))
            .AddRow("failed", result.Failed > 0 ? $"[red]{Count(result.Failed)}[/]" : "0")
            .AddRow("elapsed", result.Elapsed.ToString(@"hh\:mm\:ss\.f", CultureInfo.InvariantCulture))
            .AddRow("shards written", Count(result.LastSequenceNumberByShard.Count));
        var injected = result.Injected;
        if (options.Faults.Any)
        {
            grid.AddRow("faults", string.Create(
                CultureInfo.InvariantCulture,
                $"duplicates {injected.Duplicates}, out of order {injected.OutOfOrder}, late {injected.Late}, too late {injected.TooLate}, poison {injected.Poison}"));
        }

        foreach (var anomaly in result.Anomalies)
        {
            grid.AddRow(anomaly == result.Anomalies[0] ? "anomalies" : string.Empty, Markup.Escape(AnomalyLine(anomaly)));
        }

        grid.AddRow("ledger", ledgerPath is null ? "none (--no-ledger)" : Markup.Escape(ledgerPath));

        console.Write(grid);
        var devices = Devices.Fleet.Generate(options.Devices, options.Seed, options.DeviceIdPrefix).Devices.Take(3).Select(d => d.DeviceId).ToList();
        if (result.Sent > 0 && devices.Count > 0)
        {
            console.MarkupLineInterpolated($"Devices: {string.Join(", ", devices)}{(options.Devices > devices.Count ? ", …" : string.Empty)}");
            console.MarkupLineInterpolated($"Query one:  ./telemetry query rollups --device {devices[0]}");
        }

        if (result.Cancelled)
        {
            console.MarkupLine("[yellow]Stopped early; buffered readings were flushed.[/]");
        }

        if (result.Fault is { } fault)
        {
            console.MarkupLineInterpolated($"[red]Stopped by an error the stream will not get over:[/] {fault.GetType().Name}: {fault.Message}");
        }
        else if (result.Failed > 0)
        {
            console.MarkupLineInterpolated($"[red]{result.Failed} reading(s) were lost.[/]");
        }
    }

    /// <summary>Writes straight to the console's writer: Spectre would wrap a long line at the console width and break the JSON.</summary>
    public static void WriteJson(IAnsiConsole console, SimulatorOptions options, SimulatorResult result, string? ledgerPath = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Profile.Out.Writer.WriteLine(ToJson(options, result, ledgerPath));
        console.Profile.Out.Writer.Flush();
    }

    public static string ToJson(SimulatorOptions options, SimulatorResult result, string? ledgerPath = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("stream", options.StreamName);
            json.WriteNumber("devices", options.Devices);
            json.WriteNumber("generated", result.Generated);
            json.WriteNumber("sent", result.Sent);
            json.WriteNumber("failed", result.Failed);
            json.WriteNumber("retries", result.Retries);
            json.WriteNumber("elapsedSeconds", Math.Round(result.Elapsed.TotalSeconds, 3));
            json.WriteBoolean("cancelled", result.Cancelled);
            json.WriteStartObject("lastSequenceNumberByShard");
            foreach (var (shard, sequence) in result.LastSequenceNumberByShard.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                json.WriteString(shard, sequence);
            }

            json.WriteEndObject();
            json.WriteStartObject("injected");
            json.WriteNumber("readings", result.Injected.Readings);
            json.WriteNumber("duplicates", result.Injected.Duplicates);
            json.WriteNumber("outOfOrder", result.Injected.OutOfOrder);
            json.WriteNumber("late", result.Injected.Late);
            json.WriteNumber("tooLate", result.Injected.TooLate);
            json.WriteNumber("poison", result.Injected.Poison);
            json.WriteEndObject();
            json.WriteStartArray("anomalies");
            foreach (var anomaly in result.Anomalies)
            {
                WriteAnomaly(json, anomaly);
            }

            json.WriteEndArray();
            if (ledgerPath is null)
            {
                json.WriteNull("ledger");
            }
            else
            {
                json.WriteString("ledger", ledgerPath);
            }

            if (result.Fault is { } fault)
            {
                json.WriteString("error", $"{fault.GetType().Name}: {fault.Message}");
            }
            else
            {
                json.WriteNull("error");
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // One line per device: what it does, when in device time, and which alert events should follow.
    private static string AnomalyLine(LedgerAnomaly anomaly)
    {
        var what = anomaly.RuleId is { } rule ? $"{Kind(anomaly.Kind)} {rule}" : $"silence > {Durations.Format(anomaly.SilenceAfter ?? TimeSpan.Zero)}";
        var expected = string.Join(", ", anomaly.Expected.Select(e => $"{e.DetailType} {Clock(e.At)}"));
        return $"{anomaly.DeviceId}: {what}, {Clock(anomaly.StartsAt)}–{Clock(anomaly.EndsAt)} → {expected}";
    }

    private static void WriteAnomaly(Utf8JsonWriter json, LedgerAnomaly anomaly)
    {
        json.WriteStartObject();
        json.WriteString("deviceId", anomaly.DeviceId);
        json.WriteString("deviceType", anomaly.DeviceType);
        json.WriteString("kind", Kind(anomaly.Kind));
        WriteOptional(json, "ruleId", anomaly.RuleId);
        WriteOptional(json, "metric", anomaly.Metric);
        WriteOptional(json, "silenceAfter", anomaly.SilenceAfter is { } after ? Durations.Format(after) : null);
        json.WriteString("startsAt", ReadingCodec.FormatTimestamp(anomaly.StartsAt));
        json.WriteString("endsAt", ReadingCodec.FormatTimestamp(anomaly.EndsAt));
        json.WriteStartArray("expected");
        foreach (var expected in anomaly.Expected)
        {
            json.WriteStartObject();
            json.WriteString("detailType", expected.DetailType);
            json.WriteString("at", ReadingCodec.FormatTimestamp(expected.At));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Kind(AnomalyKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    private static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>The summary of a <c>--replay</c> run: as JSON on stdout, or as a grid.</summary>
    public static void WriteReplay(IAnsiConsole console, bool asJson, string path, string streamName, ReplayFile file, SimulatorResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(result);
        var notSent = file.Records.Count - result.Sent - result.Failed;
        if (asJson)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("replay", path);
                json.WriteString("stream", streamName);
                json.WriteNumber("devices", file.Devices);
                json.WriteNumber("readings", file.Records.Count);
                json.WriteNumber("notReadings", file.Problems.Count);
                json.WriteNumber("sent", result.Sent);
                json.WriteNumber("failed", result.Failed);
                json.WriteNumber("notSent", notSent);
                json.WriteNumber("retries", result.Retries);
                json.WriteNumber("elapsedSeconds", Math.Round(result.Elapsed.TotalSeconds, 3));
                json.WriteBoolean("cancelled", result.Cancelled);
                json.WriteEndObject();
            }

            console.Profile.Out.Writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            console.Profile.Out.Writer.Flush();
            return;
        }

        var grid = new Grid().AddColumns(2)
            .AddRow("replayed", Markup.Escape(path))
            .AddRow("stream", Markup.Escape(streamName))
            .AddRow("readings", Count(file.Records.Count))
            .AddRow("not readings", file.Problems.Count > 0 ? $"[yellow]{Count(file.Problems.Count)}[/] (left out, above)" : "0")
            .AddRow("sent", Count(result.Sent))
            .AddRow("retries", Count(result.Retries))
            .AddRow("failed", result.Failed > 0 ? $"[red]{Count(result.Failed)}[/]" : "0")
            .AddRow("not sent", notSent > 0 ? $"[yellow]{Count(notSent)}[/]{(result.Cancelled ? " (stopped)" : "")}" : "0")
            .AddRow("elapsed", result.Elapsed.ToString(@"hh\:mm\:ss\.f", CultureInfo.InvariantCulture));
        console.Write(grid);
        if (result.Fault is { } fault)
        {
            console.MarkupLineInterpolated($"[red]Stopped by an error:[/] {fault.Message}");
        }
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
