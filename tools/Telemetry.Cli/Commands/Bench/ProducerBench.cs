using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Producer.Devices;
using Telemetry.Producer.Simulation;

namespace Telemetry.Cli.Commands.Bench;

/// <summary>
/// The simulator unpaced against the raw PutRecords loop, on a stream no consumer reads, in alternating rounds (raw
/// first) so that both see the emulator in the same state, and the simulator with KPL aggregation on a stream of its
/// own in the same rounds; then the bare GetRecords drain of everything the first two put, and what the aggregated
/// rounds made of their readings (records and bytes, for <c>telemetry cost</c>).
/// </summary>
internal sealed class ProducerBench(IKinesisClient kinesis, string stream, string aggregatedStream, int devices, int seed, TimeProvider time)
{
    // Enough to compile both paths and warm the connections; its figures are not kept.
    private const int WarmUpReadings = 2_000;

    public async Task<ProducerFigures> RunAsync(long readings, int rounds, Action<string> log, CancellationToken cancellationToken)
    {
        await RawPutLoop.RunAsync(kinesis, stream, RawEntries(WarmUpReadings, round: 0), cancellationToken);
        await SimulateAsync(WarmUpReadings, round: 0, aggregate: false, cancellationToken);
        var warmUp = await SimulateAsync(WarmUpReadings, round: 0, aggregate: true, cancellationToken);
        log("producer warm-up round done (not counted)");

        var raw = new List<double>();
        var simulator = new List<double>();
        var aggregated = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var entries = RawEntries(readings, round);
            var rawElapsed = await RawPutLoop.RunAsync(kinesis, stream, entries, cancellationToken);
            raw.Add(entries.Count / rawElapsed.TotalSeconds);

            var result = await SimulateAsync(readings, round, aggregate: false, cancellationToken);
            simulator.Add(result.Sent / result.Elapsed.TotalSeconds);
            var packed = await SimulateAsync(readings, round, aggregate: true, cancellationToken);
            aggregated.Add(packed.Sent / packed.Elapsed.TotalSeconds);
            log($"producer round {round}/{rounds}: raw loop {raw[^1]:N0} readings/s, simulator {simulator[^1]:N0} readings/s, aggregated {aggregated[^1]:N0} readings/s");
        }

        var drain = await StreamDrain.RunAsync(kinesis, stream, cancellationToken);
        log($"bare GetRecords drain: {drain.Records:N0} records in {drain.Elapsed.TotalSeconds:N1} s");
        var kpl = await StreamDrain.RunAsync(kinesis, aggregatedStream, cancellationToken);
        return new ProducerFigures(
            Percentiles.Of(raw),
            Percentiles.Of(simulator),
            Percentiles.Of([.. simulator.Select((s, i) => s / raw[i])]),
            drain.Records / drain.Elapsed.TotalSeconds)
        {
            Aggregated = Percentiles.Of(aggregated),
            AggregationGain = Percentiles.Of([.. aggregated.Select((a, i) => a / simulator[i])]),
            Kpl = new KplFigures(readings * rounds + warmUp.Sent, kpl.Records, kpl.Bytes),
        };
    }

    private async Task<SimulatorResult> SimulateAsync(long readings, int round, bool aggregate, CancellationToken cancellationToken)
    {
        var options = new SimulatorOptions
        {
            Devices = devices,
            Readings = readings,
            NoPace = true,
            Seed = seed,
            StreamName = aggregate ? aggregatedStream : stream,
            DeviceIdPrefix = aggregate ? $"benchkpl{round}-" : $"benchsim{round}-",
            Aggregate = aggregate,
        };
        var result = await new Simulator(time).RunAsync(options, kinesis, null, cancellationToken);
        return result.AllSent
            ? result
            : throw new InvalidOperationException($"The simulator could not put every reading in round {round}: {result.Failed} failed{(result.Fault is { } fault ? $" ({fault.Message})" : "")}.");
    }

    // The same readings the simulator generates, encoded ahead of time: the loop measures sending alone.
    private List<PutRecordsEntry> RawEntries(long readings, int round)
    {
        var generator = new ReadingGenerator(Fleet.Generate(devices, seed, $"benchraw{round}-"), time.GetUtcNow(), 1.0);
        var entries = new List<PutRecordsEntry>((int)readings);
        for (var i = 0; i < readings; i++)
        {
            var reading = generator.Next();
            entries.Add(new PutRecordsEntry(ReadingCodec.Encode(reading), reading.DeviceId));
        }

        return entries;
    }
}

/// <summary>Readings per second of each producer (min, median, max over the rounds), their ratio per round, and the bare drain.</summary>
internal sealed record ProducerFigures(Spread RawLoop, Spread Simulator, Spread Ratio, double DrainReadingsPerSecond)
{
    /// <summary>The simulator with KPL aggregation, readings per second.</summary>
    public required Spread Aggregated { get; init; }

    /// <summary>Aggregated ÷ plain simulator, per round.</summary>
    public required Spread AggregationGain { get; init; }

    /// <summary>What the aggregated rounds put on their stream.</summary>
    public required KplFigures Kpl { get; init; }
}

/// <summary>Readings the aggregated rounds put (warm-up included), and the Kinesis records and data bytes they made.</summary>
internal sealed record KplFigures(long Readings, long Records, long Bytes)
{
    public double ReadingsPerRecord => Records == 0 ? 0 : (double)Readings / Records;

    /// <summary>Bytes of aggregated record per reading: the reading, its share of the framing and key table.</summary>
    public double BytesPerReading => Readings == 0 ? 0 : (double)Bytes / Readings;
}
