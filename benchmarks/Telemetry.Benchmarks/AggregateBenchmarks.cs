using BenchmarkDotNet.Attributes;
using Telemetry.Contracts;
using Telemetry.Processing;

namespace Telemetry.Benchmarks;

/// <summary>Aggregating a Lambda-sized batch (100 records) and a large one (10,000) into 1m and 1h windows.</summary>
[MemoryDiagnoser]
public class AggregateBenchmarks
{
    private Reading[] _readings = [];

    [Params(100, 10_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup() => _readings = SampleReadings.Readings(Count);

    [Benchmark]
    public int Aggregate() => Aggregator.Aggregate(_readings, AggregationOptions.Default).Count;
}
