using Telemetry.Functions.Tests.Support;
using Telemetry.Processing;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.Aggregation;

[Collection(DynaliteCollection.Name)]
public class AggregatorRollupTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Handle_Batch_WritesMinuteAndHourRollups()
    {
        var device = NewDeviceId();
        var kinesisEvent = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, TenOClock.AddSeconds(10), 1, ("temp", 1), ("humidity", 50)))
            .Add(At(device, TenOClock.AddSeconds(50), 2, ("temp", 4)))
            .Add(At(device, TenOClock.AddSeconds(65), 3, ("temp", -2)))
            .Add(At(device, TenOClock.AddMinutes(59).AddSeconds(59), 4, ("temp", 8)))
            .Add(At(device, TenOClock.AddHours(1), 5, ("temp", 0.5)))
            .Build();
        var function = FunctionInvocation.NewFunction(dynalite.Client, table);
        var reader = new RollupReader(dynalite.Client, table);

        var response = await function.InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
        var minutes = await reader.QueryAsync(device, Resolution.Minute, null, null, null, CancellationToken.None);
        Assert.Equal(
            [TenOClock, TenOClock.AddMinutes(1), TenOClock.AddMinutes(59), TenOClock.AddHours(1)],
            minutes.Select(r => r.WindowStart));
        Assert.Equal([2L, 1, 1, 1], minutes.Select(r => r.ReadingCount));
        Assert.Equal(new MetricStats(2, 5, 1, 4, 17), minutes[0].Metrics["temp"]);
        Assert.Equal(new MetricStats(1, 50, 50, 50, 2500), minutes[0].Metrics["humidity"]);
        Assert.Equal(new MetricStats(1, -2, -2, -2, 4), minutes[1].Metrics["temp"]);

        var hours = await reader.QueryAsync(device, Resolution.Hour, null, null, null, CancellationToken.None);
        Assert.Equal([TenOClock, TenOClock.AddHours(1)], hours.Select(r => r.WindowStart));
        Assert.Equal([4L, 1], hours.Select(r => r.ReadingCount));
        Assert.Equal(new MetricStats(4, 11, -2, 8, 85), hours[0].Metrics["temp"]);
        Assert.Equal(new MetricStats(1, 50, 50, 50, 2500), hours[0].Metrics["humidity"]);
        Assert.Equal(new MetricStats(1, 0.5, 0.5, 0.5, 0.25), hours[1].Metrics["temp"]);
        Assert.All(hours, r => Assert.Equal(("thermostat", "site-a", device), (r.DeviceType, r.Site, r.DeviceId)));
    }

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
        Assert.Equal(kinesisEvent.Records[1].Kinesis.SequenceNumber, item["hwm"].M[builder.ShardId].S);
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
