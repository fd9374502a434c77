using BenchmarkDotNet.Attributes;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Tumbling;

namespace Telemetry.Benchmarks;

/// <summary>
/// What a tumbling window adds to every aggregator invocation: decoding the carried partials and encoding them again
/// (docs/flush-interval.md). Measured for a shard of 100 and of 1,000 devices, each with a minute partial of a minute
/// of readings at 1 per second (hours are derived from the minutes, not carried: docs/hour-rollups.md).
/// </summary>
[MemoryDiagnoser]
public class TumblingStateBenchmarks
{
    private PartialRollups _partials = PartialRollups.Empty;
    private string _encoded = "";

    [Params(100, 1_000)]
    public int Devices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var gathered = new RollupRecompute();
        var readings = SampleReadings.Readings(Devices * 60, Devices)
            .Select((reading, i) => new SequencedReading("shardId-000000000000", SequenceNumber.Parse((49_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)), reading));
        gathered.ApplyAsync(BatchPlanner.GroupByWindow(readings, AggregationOptions.Written(AggregationOptions.Default.AllowedLateness)), CancellationToken.None).GetAwaiter().GetResult();
        _partials = new PartialRollups("shardId-000000000000", "49000000000", "49000059999", gathered.Windows);
        _encoded = PartialRollupsCodec.Encode(_partials);
    }

    /// <summary>The encoded size, in the summary's logs: what an invocation's state weighs against Lambda's 1 MB.</summary>
    [GlobalCleanup]
    public void Report() => Console.WriteLine($"// {Devices} devices: {_partials.Windows.Count} partials, state {_encoded.Length:N0} characters");

    [Benchmark]
    public int Encode() => PartialRollupsCodec.Encode(_partials).Length;

    [Benchmark]
    public int Decode() => PartialRollupsCodec.Decode(_encoded).Windows.Count;
}
