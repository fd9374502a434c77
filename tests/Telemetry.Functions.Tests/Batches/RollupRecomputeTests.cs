using Telemetry.Processing;
using Telemetry.Processing.Batches;

namespace Telemetry.Functions.Tests.Batches;

public class RollupRecomputeTests
{
    private static RollupState State(long readings, double sum) =>
        new("thermostat", "site-a", readings, new Dictionary<string, MetricStats>(StringComparer.Ordinal) { ["temp"] = new(readings, sum, 1, 2, sum * 2) }, new AbsorbedReadings());

    [Fact]
    public void Same_SumsDifferingInTheLastBits_Same()
    {
        Assert.True(RollupRecompute.Same(State(3, 0.1 + 0.2 + 0.3), State(3, 0.3 + 0.2 + 0.1)));
    }

    [Fact]
    public void Same_OtherCountOrSum_NotSame()
    {
        Assert.False(RollupRecompute.Same(State(3, 0.6), State(4, 0.6)));
        Assert.False(RollupRecompute.Same(State(3, 0.6), State(3, 0.7)));
    }
}
