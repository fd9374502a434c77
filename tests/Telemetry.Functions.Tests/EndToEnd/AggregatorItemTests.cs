using Telemetry.Functions.Tests.Support;
using Telemetry.Processing;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.EndToEnd;

// What the DynamoDB adapter stores, read back raw: the documented item shape and exact numbers.
[Collection(DynaliteCollection.Name)]
public class AggregatorItemTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Handle_Batch_StoresItemInTheDocumentedShape()
    {
        var device = NewDeviceId();
        var builder = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, TenOClock.AddSeconds(1), 1, ("temp", 2)))
            .Add(At(device, TenOClock.AddSeconds(2), 2, ("temp", 3)));
        var kinesisEvent = builder.Build();
        var function = FunctionInvocation.NewFunction(dynalite.Client, table);

        await function.InvokeAsync(kinesisEvent);

        var item = await dynalite.Client.RawItemAsync(table, device, Resolution.Minute, TenOClock);
        Assert.Equal($"D#{device}#1m", item["pk"].S);
        Assert.Equal("2025-03-01T10:00:00Z", item["sk"].S);
        Assert.Equal(("1m", "2025-03-01T10:00:00Z", "2", "1"), (item["resolution"].S, item["windowStart"].S, item["readings"].N, item["ver"].N));
        var temp = item["m"].M["temp"].M;
        Assert.Equal(["2", "5", "2", "3", "13"], new[] { "count", "sum", "min", "max", "sumsq" }.Select(k => temp[k].N));
        Assert.Equal("1-2", Assert.Single(item["ids"].M, p => p.Key == "0").Value.S);
    }

    [Fact]
    public async Task Handle_ExtremeMetricValues_RoundTripExactlyThroughDynamoNumbers()
    {
        var device = NewDeviceId();
        var kinesisEvent = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, TenOClock.AddSeconds(1), 1, ("big", 1e15), ("tiny", 1e-30), ("odd", 0.1)))
            .Add(At(device, TenOClock.AddSeconds(2), 2, ("big", -999_999_999_999_999.9), ("tiny", -3e-30), ("odd", 0.2)))
            .Build();
        var function = FunctionInvocation.NewFunction(dynalite.Client, table);

        var response = await function.InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
        var row = Assert.Single(await new RollupReader(dynalite.Client, table).QueryAsync(device, Resolution.Minute, null, null, null, CancellationToken.None));
        Assert.Equal(MetricStats.Of(1e15).Add(-999_999_999_999_999.9), row.Metrics["big"]);
        Assert.Equal(MetricStats.Of(1e-30).Add(-3e-30), row.Metrics["tiny"]);
        Assert.Equal(MetricStats.Of(0.1).Add(0.2), row.Metrics["odd"]);
    }
}
