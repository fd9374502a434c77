using Microsoft.Extensions.Time.Testing;
using Telemetry.Processing.Tests.Fakes;
using Telemetry.Storage.Tests.Support;
using Telemetry.Storage;

namespace Telemetry.Functions.Tests.Fakes;

// The aggregator wired to in-memory stores: its whole logic, through the Stream entry point, without an emulator.
public sealed class FakeStores
{
    public InMemoryRollupStore Rollups { get; } = new();

    public InMemoryRejectedStore Rejected { get; } = new();

    // The records a tumbling-window flush may read again; tests that expect no such read leave it empty.
    public FakeShardRange Stream { get; } = new();

    public AggregatorFunction NewFunction(int stateBudget = Processing.Streams.TumblingWindowProcessor.DefaultStateBudget) =>
        new(Rollups, Rollups, Rejected, new AggregatorSettings("in-memory", TimeSpan.FromHours(24)), new FakeTimeProvider(TestReadings.Now), _ => Stream, stateBudget);
}
