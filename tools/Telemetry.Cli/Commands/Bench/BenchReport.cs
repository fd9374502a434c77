using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Telemetry.Cli.Commands.Bench;

/// <summary>The bench's tables, each figure beside its baseline and the issue's target, or the same as one JSON object.</summary>
internal sealed record BenchReport(DateTimeOffset At, BenchSettings Settings, ProducerFigures Producer, SteadyFigures Steady, MemoryFigures Memory)
{
    public const double ProducerTarget = 0.95;
    public const double AggregationTarget = 5;
    public const double WriteReductionTarget = 20;
    public const double ConsumerTarget = 0.5;
    private static readonly TimeSpan LatencyMargin = TimeSpan.FromSeconds(2);

    public double? LatencyP50 => Percentiles.NearestRank(Steady.Latencies, 50);

    public double? LatencyP99 => Percentiles.NearestRank(Steady.Latencies, 99);

    /// <summary>The aggregator's rate while invoked against the bare GetRecords drain of the same run.</summary>
    public double ConsumerToDrain => Producer.DrainReadingsPerSecond <= 0 ? 0 : Steady.AggregatorReadingsPerBilledSecond / Producer.DrainReadingsPerSecond;

    public double LatencyTarget => (Steady.FlushInterval + LatencyMargin).TotalSeconds;

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["at"] = At,
        ["producer"] = new Dictionary<string, object?>
        {
            ["readingsPerRound"] = Settings.ProducerReadings,
            ["rounds"] = Settings.Rounds,
            ["rawLoopReadingsPerSecond"] = Producer.RawLoop,
            ["simulatorReadingsPerSecond"] = Producer.Simulator,
            ["simulatorToRawLoop"] = Producer.Ratio,
            ["target"] = ProducerTarget,
            ["aggregatedReadingsPerSecond"] = Producer.Aggregated,
            ["aggregatedToSimulator"] = Producer.AggregationGain,
            ["aggregationTarget"] = AggregationTarget,
            // What 'telemetry cost' prices KPL aggregation from: the aggregated records' size per reading.
            ["kpl"] = new Dictionary<string, object?>
            {
                ["readings"] = Producer.Kpl.Readings,
                ["records"] = Producer.Kpl.Records,
                ["bytes"] = Producer.Kpl.Bytes,
                ["readingsPerRecord"] = Round(Producer.Kpl.ReadingsPerRecord),
                ["bytesPerReading"] = Round(Producer.Kpl.BytesPerReading),
            },
        },
        ["consumer"] = new Dictionary<string, object?>
        {
            ["bareDrainReadingsPerSecond"] = Round(Producer.DrainReadingsPerSecond),
            ["catchUpSeconds"] = Round(Steady.CatchUp.TotalSeconds),
            ["alerterCatchUpSeconds"] = Steady.AlerterCatchUp is { } alerter ? Round(alerter.TotalSeconds) : null,
            ["aggregatorReadingsPerBilledSecond"] = Round(Steady.AggregatorReadingsPerBilledSecond),
            ["aggregatorToDrain"] = Round(ConsumerToDrain),
            ["target"] = ConsumerTarget,
        },
        ["writes"] = new Dictionary<string, object?>
        {
            ["devices"] = Steady.Devices,
            ["aggregated"] = Settings.Aggregate,
            ["ratePerDevice"] = Steady.RatePerDevice,
            ["durationSeconds"] = Steady.Duration.TotalSeconds,
            ["flushIntervalSeconds"] = Steady.FlushInterval.TotalSeconds,
            ["readings"] = Steady.Readings,
            ["aggregatorWriteRequests"] = Steady.Aggregator.Writes,
            ["aggregatorReadRequests"] = Steady.Aggregator.Reads,
            ["aggregatorCalls"] = Steady.Aggregator.Calls,
            ["aggregatorWritesPerReading"] = Round(Steady.AggregatorWritesPerReading),
            ["aggregatorWriteUnitsPerReading"] = Round(Steady.AggregatorWriteUnitsPerReading),
            ["baselineWriteRequests"] = Steady.BaselineWrites,
            ["baselineWritesPerReading"] = Round(Steady.BaselineWritesPerReading),
            ["baselineWriteUnitsPerReading"] = Round(Steady.BaselineWriteUnitsPerReading),
            ["reduction"] = Round(Steady.WriteReduction),
            ["unitReduction"] = Round(Steady.WriteUnitReduction),
            ["target"] = WriteReductionTarget,
        },
        // Per function over the steady run: what 'telemetry cost' prices (invocations, billed duration, DynamoDB calls and units).
        ["functions"] = new Dictionary<string, object?>
        {
            ["aggregator"] = Function(Steady.Aggregator),
            ["alerter"] = Function(Steady.Alerter),
        },
        ["latency"] = new Dictionary<string, object?>
        {
            ["devices"] = Steady.LatencyDevices,
            ["readings"] = Steady.LatencyExpected,
            ["measured"] = Steady.LatencyVisible,
            ["pollSeconds"] = LatencyProbe.PollEvery.TotalSeconds,
            ["p50Seconds"] = LatencyP50 is { } p50 ? Round(p50) : null,
            ["p99Seconds"] = LatencyP99 is { } p99 ? Round(p99) : null,
            ["targetSeconds"] = LatencyTarget,
            ["complete"] = Steady.LatencyComplete,
        },
        ["peakMemoryBytes"] = new Dictionary<string, object?>
        {
            ["functionService"] = Memory.FunctionService,
            ["benchProcess"] = Memory.BenchProcess,
        },
    }, JsonOutput.Options);

    private static Dictionary<string, object?> Function(CallCounts counts) => new()
    {
        ["invocations"] = counts.Invocations,
        ["billedMilliseconds"] = counts.BilledMilliseconds,
        ["writeRequests"] = counts.Writes,
        ["readRequests"] = counts.Reads,
        ["writeUnits"] = Round(counts.WriteUnits),
        ["readUnits"] = Round(counts.ReadUnits),
        ["calls"] = counts.Calls,
    };

    public void Write(IAnsiConsole console)
    {
        console.MarkupLineInterpolated($"[bold]telemetry bench[/] {At:yyyy-MM-dd HH:mm} UTC, on a local stack of its own ({Environment.ProcessorCount} cores)");
        console.WriteLine();

        var producer = new Table().Title($"Producer: readings/s, {Settings.ProducerReadings:N0} readings per round, {Settings.Rounds} round(s)")
            .AddColumns("figure", "min", "median", "max", "target");
        producer.AddRow(Row("raw PutRecords loop (baseline)", Producer.RawLoop, "N0", ""));
        producer.AddRow(Row("simulator, unpaced", Producer.Simulator, "N0", ""));
        producer.AddRow(Row("simulator ÷ raw loop", Producer.Ratio, "N2", Verdict(Producer.Ratio.Median >= ProducerTarget, $"≥ {ProducerTarget:N2}")));
        producer.AddRow(Row("simulator with KPL aggregation, unpaced", Producer.Aggregated, "N0", ""));
        producer.AddRow(Row("aggregated ÷ simulator", Producer.AggregationGain, "N2", Verdict(Producer.AggregationGain.Median >= AggregationTarget, $"≥ {AggregationTarget:N0}")));
        console.Write(producer);
        console.MarkupLine($"KPL aggregation: {Producer.Kpl.Readings:N0} readings in {Producer.Kpl.Records:N0} Kinesis records ({Producer.Kpl.ReadingsPerRecord.ToString("N1", CultureInfo.InvariantCulture)} per record), {Producer.Kpl.BytesPerReading.ToString("N1", CultureInfo.InvariantCulture)} bytes per reading with framing.");
        console.WriteLine();

        var writes = new Table().Title($"DynamoDB requests: {Steady.Devices:N0} devices × {Steady.RatePerDevice} reading/s × {Steady.Duration.TotalSeconds:N0} s = {Steady.Readings:N0} readings{(Settings.Aggregate ? " in KPL aggregated records" : "")}, flush interval {Steady.FlushInterval.TotalSeconds:N0} s")
            .AddColumns("consumer", "write requests", "per reading", "write units", "per reading", "read requests", "invocations");
        writes.AddRow("one UpdateItem per reading (baseline)", $"{Steady.BaselineWrites:N0}", $"{Steady.BaselineWritesPerReading:N4}", $"{Steady.BaselineWriteUnits:N0}", $"{Steady.BaselineWriteUnitsPerReading:N4}", "0", "");
        writes.AddRow("aggregator", $"{Steady.Aggregator.Writes:N0}", $"{Steady.AggregatorWritesPerReading:N4}", $"{Steady.Aggregator.WriteUnits:N0}", $"{Steady.AggregatorWriteUnitsPerReading:N4}", $"{Steady.Aggregator.Reads:N0}", $"{Steady.Aggregator.Invocations:N0}");
        writes.AddRow("[grey]alerter (for reference)[/]", $"[grey]{Steady.Alerter.Writes:N0}[/]", $"[grey]{(double)Steady.Alerter.Writes / Steady.Readings:N4}[/]", $"[grey]{Steady.Alerter.WriteUnits:N0}[/]", $"[grey]{Steady.Alerter.WriteUnits / Steady.Readings:N4}[/]", $"[grey]{Steady.Alerter.Reads:N0}[/]", $"[grey]{Steady.Alerter.Invocations:N0}[/]");
        console.Write(writes);
        console.MarkupLine($"Write requests, baseline ÷ aggregator: [bold]{Steady.WriteReduction.ToString("N1", CultureInfo.InvariantCulture)}×[/] ({Verdict(Steady.WriteReduction >= WriteReductionTarget, $"target ≥ {WriteReductionTarget:N0}×")}); write units: {Steady.WriteUnitReduction.ToString("N1", CultureInfo.InvariantCulture)}× (a unit per KB of item written).");
        console.WriteLine();

        var other = new Table().Title("Consumer, latency and memory").AddColumns("figure", "value", "baseline or target");
        other.AddRow("bare GetRecords drain, readings/s", $"{Producer.DrainReadingsPerSecond:N0}", "the consumer's ceiling on this emulator");
        other.AddRow(
            "aggregator, readings per second of invocation",
            $"{Steady.AggregatorReadingsPerBilledSecond:N0}",
            $"÷ drain {ConsumerToDrain.ToString("N3", CultureInfo.InvariantCulture)} ({Verdict(ConsumerToDrain >= ConsumerTarget, $"target ≥ {ConsumerTarget:N1}")})");
        other.AddRow("aggregator caught up after the simulator stopped", $"{Steady.CatchUp.TotalSeconds:N1} s", $"includes up to one flush interval ({Steady.FlushInterval.TotalSeconds:N0} s)");
        other.AddRow("alerter caught up after the simulator stopped", Steady.AlerterCatchUp is { } alerter ? $"{alerter.TotalSeconds:N1} s" : "[red]not in time: its figures are partial[/]", "");
        other.AddRow($"end-to-end latency p50, {Steady.LatencyVisible:N0} of {Steady.LatencyExpected:N0} readings of {Steady.LatencyDevices} devices", Seconds(LatencyP50), $"polled every {LatencyProbe.PollEvery.TotalSeconds:N0} s");
        other.AddRow("end-to-end latency p99", Seconds(LatencyP99), Steady.LatencyComplete
            ? Verdict(LatencyP99 <= LatencyTarget, $"≤ {LatencyTarget:N0} s (flush interval + 2 s)")
            : Verdict(false, $"≤ {LatencyTarget:N0} s, but {Steady.LatencyExpected - Steady.LatencyVisible:N0} sampled readings never became visible in time"));
        other.AddRow("peak memory, function service", Memory.FunctionService is { } service ? Megabytes(service) : "unknown", "");
        other.AddRow("peak memory, bench process (simulator, baseline, probe)", Megabytes(Memory.BenchProcess), "");
        console.Write(other);
    }

    private static string[] Row(string name, Spread spread, string format, string target) =>
        [name, spread.Min.ToString(format, CultureInfo.InvariantCulture), spread.Median.ToString(format, CultureInfo.InvariantCulture), spread.Max.ToString(format, CultureInfo.InvariantCulture), target];

    private static string Verdict(bool met, string target) => met ? $"[green]{target}: met[/]" : $"[red]{target}: missed[/]";

    private static string Seconds(double? value) => value is { } v ? $"{v:N1} s" : "none seen";

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:N0} MiB";

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 4) : -1;
}
