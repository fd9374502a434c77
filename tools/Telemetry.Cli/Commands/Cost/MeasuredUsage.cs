using System.Text.Json;

namespace Telemetry.Cli.Commands.Cost;

/// <summary>A stream function's usage per reading, as one bench run measured it, and its memory size.</summary>
internal sealed record FunctionUsage(string Name, double InvocationsPerReading, double BilledMillisecondsPerInvocation, double WriteUnitsPerReading, double ReadUnitsPerReading)
{
    public double WriteUnitsPerRequest { get; init; }
}

/// <summary>What a <c>telemetry bench</c> result says per reading: the figures <c>telemetry cost</c> prices.</summary>
internal sealed record MeasuredUsage(string File, DateTimeOffset At, int Devices, double RatePerDevice, TimeSpan FlushInterval, FunctionUsage Aggregator, FunctionUsage Alerter, double BaselineWriteUnitsPerReading)
{
    /// <summary>
    /// The aggregator's write units per device per flush interval: what its writes scale with, since it writes each
    /// touched item once per interval however many readings went into it.
    /// </summary>
    public double AggregatorWriteUnitsPerDeviceInterval { get; init; }

    /// <summary>The fewest flush intervals a run must span for its writes per interval to stand for a steady state.</summary>
    public const int SteadyIntervals = 3;

    /// <summary>Bytes of KPL aggregated record per reading, as the bench's aggregated rounds put them; null from an older bench.</summary>
    public double? KplBytesPerReading { get; init; }

    /// <summary>The alerter had read the whole run when its figures were taken; otherwise they undercount it.</summary>
    public bool AlerterComplete { get; init; } = true;

    /// <exception cref="InvalidDataException">The file is not a bench result of this version.</exception>
    public static MeasuredUsage Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
            var root = document.RootElement;
            var writes = root.GetProperty("writes");
            var readings = writes.GetProperty("readings").GetDouble();
            if (readings <= 0)
            {
                throw new InvalidDataException($"{path}: the bench counted no readings, so there is nothing per reading to price.");
            }

            var functions = root.GetProperty("functions");
            return new MeasuredUsage(
                path,
                root.GetProperty("at").GetDateTimeOffset(),
                writes.GetProperty("devices").GetInt32(),
                writes.GetProperty("ratePerDevice").GetDouble(),
                TimeSpan.FromSeconds(writes.GetProperty("flushIntervalSeconds").GetDouble()),
                Function("aggregator", functions.GetProperty("aggregator"), readings),
                Function("alerter", functions.GetProperty("alerter"), readings),
                writes.GetProperty("baselineWriteUnitsPerReading").GetDouble())
            {
                // A run of fewer than three intervals is mostly its partial first and last ones: no steady figure.
                AggregatorWriteUnitsPerDeviceInterval = writes.GetProperty("flushIntervalSeconds").GetDouble() is var flush and > 0
                    && writes.GetProperty("durationSeconds").GetDouble() is var duration && duration >= SteadyIntervals * flush
                    ? functions.GetProperty("aggregator").GetProperty("writeUnits").GetDouble() / writes.GetProperty("devices").GetInt32() / (duration / flush)
                    : 0,
                KplBytesPerReading = root.TryGetProperty("producer", out var producer) && producer.TryGetProperty("kpl", out var kpl) && kpl.GetProperty("bytesPerReading").GetDouble() is var bytes and > 0 ? bytes : null,
                AlerterComplete = root.GetProperty("consumer").TryGetProperty("alerterCatchUpSeconds", out var alerter) && alerter.ValueKind == JsonValueKind.Number,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a result of 'telemetry bench' (run it again with this version): {e.Message}", e);
        }
    }

    private static FunctionUsage Function(string name, JsonElement figures, double readings)
    {
        var invocations = figures.GetProperty("invocations").GetDouble();
        var writeRequests = figures.GetProperty("writeRequests").GetDouble();
        var writeUnits = figures.GetProperty("writeUnits").GetDouble();
        return new FunctionUsage(
            name,
            invocations / readings,
            invocations == 0 ? 0 : figures.GetProperty("billedMilliseconds").GetDouble() / invocations,
            writeUnits / readings,
            figures.GetProperty("readUnits").GetDouble() / readings)
        {
            WriteUnitsPerRequest = writeRequests == 0 ? 0 : writeUnits / writeRequests,
        };
    }
}
