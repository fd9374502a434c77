using BenchmarkDotNet.Attributes;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Processing.Batches;

namespace Telemetry.Benchmarks;

/// <summary>
/// The aggregator's per-batch domain work, as the Lambda runs it: group a Lambda-sized batch (100 records) or a
/// large one (10,000) into its windows (minutes: the hours are derived from them, docs/hour-rollups.md), then absorb
/// each window's readings into a fresh rollup.
/// </summary>
[MemoryDiagnoser]
public class AggregateBenchmarks
{
    private static readonly AggregationOptions Options = AggregationOptions.Written(AggregationOptions.Default.AllowedLateness);

    private SequencedReading[] _readings = [];

    [Params(100, 10_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup() => _readings = SampleReadings.Readings(Count)
        .Select((reading, i) => new SequencedReading("shardId-000000000000", SequenceNumber.Parse((49_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)), reading))
        .ToArray();

    [Benchmark]
    public int GroupAndAbsorb()
    {
        var windows = 0;
        foreach (var contributions in BatchPlanner.GroupByWindow(_readings, Options))
        {
            windows += RollupMerge.Absorb(null, contributions, WindowLimits.Default).Next is null ? 0 : 1;
        }

        return windows;
    }
}
