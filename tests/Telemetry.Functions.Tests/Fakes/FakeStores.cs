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

    public AggregatorFunction NewFunction() =>
        new(Rollups, Rejected, new AggregatorSettings("in-memory", TimeSpan.FromHours(24)), new FakeTimeProvider(TestReadings.Now));
}
