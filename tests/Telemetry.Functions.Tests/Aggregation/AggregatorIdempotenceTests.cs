using System.Globalization;
using System.Numerics;
using Telemetry.Functions.Events;
using Telemetry.Functions.Tests.Support;
using Telemetry.Processing;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.Aggregation;

[Collection(DynaliteCollection.Name)]
public class AggregatorIdempotenceTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    private static KinesisEvent TenReadings(string device, KinesisEventBuilder builder)
    {
        for (var i = 1; i <= 10; i++)
        {
            builder.Add(At(device, TenOClock.AddSeconds(i), i, ("temp", i)));
        }

        return builder.Build();
    }

    private async Task<string> SnapshotAsync(string device)
    {
        var reader = new RollupReader(dynalite.Client, table);
        var minutes = await reader.QueryAsync(device, Resolution.Minute, null, null, null, CancellationToken.None);
        var hours = await reader.QueryAsync(device, Resolution.Hour, null, null, null, CancellationToken.None);
        var rawMinute = await dynalite.Client.RawItemAsync(table, device, Resolution.Minute, TenOClock);
        var rawHour = await dynalite.Client.RawItemAsync(table, device, Resolution.Hour, TenOClock);
        return string.Join('\n', RollupDescriptions.Describe(minutes.Concat(hours)), RollupDescriptions.Describe(rawMinute), RollupDescriptions.Describe(rawHour));
    }

    [Fact]
    public async Task Handle_SameEventDeliveredTwice_ChangesNothing()
    {
        var device = NewDeviceId();
        var kinesisEvent = TenReadings(device, new KinesisEventBuilder(KinesisEventBuilder.NewShardId()));
        var function = FunctionInvocation.NewFunction(dynalite.Client, table);
        await function.InvokeAsync(kinesisEvent);
        var afterFirst = await SnapshotAsync(device);

        var response = await function.InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(afterFirst, await SnapshotAsync(device));
        Assert.Contains("n=10", afterFirst, StringComparison.Ordinal);
        Assert.Equal("1", (await dynalite.Client.RawItemAsync(table, device, Resolution.Minute, TenOClock))["ver"].N);
    }

    [Fact]
    public async Task Handle_OverlappingRedeliveryOutOfOrder_CountsEachReadingOnce()
    {
        var device = NewDeviceId();
        var all = TenReadings(device, new KinesisEventBuilder(KinesisEventBuilder.NewShardId()));
        var function = FunctionInvocation.NewFunction(dynalite.Client, table);
        await function.InvokeAsync(new KinesisEvent([.. all.Records.Take(6)]));

        var response = await function.InvokeAsync(new KinesisEvent([.. all.Records.Skip(2).Reverse()]));

        Assert.Empty(response.BatchItemFailures);
        var reader = new RollupReader(dynalite.Client, table);
        foreach (var resolution in new[] { Resolution.Minute, Resolution.Hour })
        {
            var row = Assert.Single(await reader.QueryAsync(device, resolution, null, null, null, CancellationToken.None));
            Assert.Equal(10, row.ReadingCount);
            Assert.Equal(new MetricStats(10, 55, 1, 10, 385), row.Metrics["temp"]);
        }
    }

    [Fact]
    public async Task Handle_NineThenTen_ComparesSequenceNumbersAsIntegers()
    {
        var device = NewDeviceId();
        var builder = new KinesisEventBuilder(KinesisEventBuilder.NewShardId());
        var kinesisEvent = builder
            .Add(At(device, TenOClock.AddSeconds(1), 1, ("temp", 1)), sequence: 9)
            .Add(At(device, TenOClock.AddSeconds(2), 2, ("temp", 2)), sequence: 10)
            .Build();
        var function = FunctionInvocation.NewFunction(dynalite.Client, table);
        await function.InvokeAsync(kinesisEvent);

        await function.InvokeAsync(new KinesisEvent([kinesisEvent.Records[0]]));

        var item = await dynalite.Client.RawItemAsync(table, device, Resolution.Minute, TenOClock);
        Assert.Equal("2", item["readings"].N);
        Assert.Equal("10", item["hwm"].M[builder.ShardId].S);
    }

    [Fact]
    public async Task Handle_SequenceNumbersBeyond38Digits_AbsorbsNewerAndSkipsOlder()
    {
        var device = NewDeviceId();
        var builder = new KinesisEventBuilder(KinesisEventBuilder.NewShardId());
        var thirtyEightNines = BigInteger.Parse(new string('9', 38), CultureInfo.InvariantCulture);
        var kinesisEvent = builder
            .Add(At(device, TenOClock.AddSeconds(1), 1, ("temp", 1)), sequence: thirtyEightNines)
            .Add(At(device, TenOClock.AddSeconds(2), 2, ("temp", 2)), sequence: thirtyEightNines + 1)
            .Add(At(device, TenOClock.AddSeconds(3), 3, ("temp", 3)), sequence: KinesisEventBuilder.TypicalFirstSequence)
            .Build();
        var function = FunctionInvocation.NewFunction(dynalite.Client, table);
        await function.InvokeAsync(new KinesisEvent([kinesisEvent.Records[0]]));

        await function.InvokeAsync(new KinesisEvent([kinesisEvent.Records[1]]));
        await function.InvokeAsync(kinesisEvent);
        await function.InvokeAsync(kinesisEvent);

        var item = await dynalite.Client.RawItemAsync(table, device, Resolution.Minute, TenOClock);
        Assert.Equal("3", item["readings"].N);
        Assert.Equal(
            "49590338271490256608559692538361571095921575989136588898",
            item["hwm"].M[builder.ShardId].S);
    }
}
