using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Functions.Tests.Support;
using Telemetry.Processing;
using Telemetry.Storage;
using Telemetry.Storage.Rejected;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.EndToEnd;

// dynalite stores the TTL attribute without ever expiring items, which is exactly what these tests read back.
[Collection(DynaliteCollection.Name)]
public class AggregatorTimeToLiveTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    private AggregatorFunction NewFunction(TimeSpan? minuteTtl, TimeSpan? rejectedTtl) =>
        new(
            dynalite.Client,
            new AggregatorSettings(table, TimeSpan.FromHours(24)) { MinuteRollupTtl = minuteTtl, RejectedTtl = rejectedTtl },
            new FakeTimeProvider(Now));

    private static string EpochSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Handle_MinuteTtlSet_MinuteItemExpiresTtlAfterWindowEndAndHourItemNever()
    {
        var device = NewDeviceId();
        var kinesisEvent = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, TenOClock.AddSeconds(30), 1, ("temp", 1)))
            .Build();

        var response = await NewFunction(TimeSpan.FromDays(2), TimeSpan.FromDays(14)).InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
        var minute = await dynalite.Client.RawItemAsync(table, device, Resolution.Minute, TenOClock);
        var hour = await dynalite.Client.RawItemAsync(table, device, Resolution.Hour, TenOClock);
        Assert.Equal(EpochSeconds(TenOClock.AddMinutes(1).AddDays(2)), minute[TelemetryTable.ExpiresAt].N);
        Assert.NotEmpty(hour);
        Assert.False(hour.ContainsKey(TelemetryTable.ExpiresAt));
    }

    [Fact]
    public async Task Handle_DefaultSettings_MinuteItemExpiresThirtyDaysAfterWindowEnd()
    {
        var device = NewDeviceId();
        var kinesisEvent = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, TenOClock.AddMinutes(7).AddSeconds(59), 1, ("temp", 1)))
            .Build();

        await FunctionInvocation.NewFunction(dynalite.Client, table).InvokeAsync(kinesisEvent);

        var minute = await dynalite.Client.RawItemAsync(table, device, Resolution.Minute, TenOClock.AddMinutes(7));
        Assert.Equal(EpochSeconds(TenOClock.AddMinutes(8).AddDays(30)), minute[TelemetryTable.ExpiresAt].N);
    }

    [Fact]
    public async Task Handle_MinuteTtlTurnedOff_RewrittenWindowLosesItsExpiry()
    {
        var device = NewDeviceId();
        var builder = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, TenOClock.AddSeconds(1), 1, ("temp", 1)));
        await NewFunction(TimeSpan.FromDays(30), null).InvokeAsync(builder.Build());
        var later = builder.Add(At(device, TenOClock.AddSeconds(2), 2, ("temp", 2))).Build();

        await NewFunction(null, null).InvokeAsync(later);

        var minute = await dynalite.Client.RawItemAsync(table, device, Resolution.Minute, TenOClock);
        Assert.Equal("2", minute["readings"].N);
        Assert.False(minute.ContainsKey(TelemetryTable.ExpiresAt));
    }

    [Theory]
    [InlineData(14)]
    [InlineData(null)]
    public async Task Handle_RejectedRecord_ExpiresRejectedTtlAfterRejection(int? days)
    {
        var builder = new KinesisEventBuilder(KinesisEventBuilder.NewShardId()).AddPoison();
        var kinesisEvent = builder.Build();

        await NewFunction(TimeSpan.FromDays(30), days is { } d ? TimeSpan.FromDays(d) : null).InvokeAsync(kinesisEvent);

        var item = (await dynalite.Client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            ConsistentRead = true,
            Key = new Dictionary<string, AttributeValue>
            {
                [TelemetryTable.PartitionKey] = new() { S = RejectedKeys.Partition(DateOnly.FromDateTime(Now.UtcDateTime)) },
                [TelemetryTable.SortKey] = new() { S = $"{builder.ShardId}#{kinesisEvent.Records[0].Kinesis.SequenceNumber}" },
            },
        })).Item;
        Assert.NotEmpty(item);
        Assert.Equal(
            days is { } keep ? EpochSeconds(Now.AddDays(keep)) : null,
            item.GetValueOrDefault(TelemetryTable.ExpiresAt)?.N);
    }
}
