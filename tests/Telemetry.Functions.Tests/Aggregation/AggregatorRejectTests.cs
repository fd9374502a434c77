using System.Text;
using System.Text.Json;
using Telemetry.Contracts;
using Telemetry.Functions.Events;
using Telemetry.Functions.Tests.Support;
using Telemetry.Processing;
using Telemetry.Storage.Rejected;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.Aggregation;

[Collection(DynaliteCollection.Name)]
public class AggregatorRejectTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IReadOnlyList<RejectedRow>> RejectedFromAsync(string shardId) =>
        [.. (await new RejectedReader(dynalite.Client, table).QueryRejectedAsync(Today, CancellationToken.None)).Where(r => r.ShardId == shardId)];

    [Fact]
    public async Task Handle_PoisonLateAndFutureRecords_RejectsThemAndAggregatesTheRest()
    {
        var device = NewDeviceId();
        var builder = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, Now.AddMinutes(-10), 1, ("temp", 3)))
            .AddPoison()
            .Add(At(device, Now.AddHours(-26), 2, ("temp", 100)))
            .Add(At(device, Now.AddHours(1), 3, ("temp", 200)))
            .AddData("@@not-base64@@", device)
            .Add(At(device, Now.AddMinutes(-10).AddSeconds(5), 4, ("temp", 5)));
        var kinesisEvent = builder.Build();
        var function = FunctionInvocation.NewFunction(dynalite.Client, table);

        var response = await function.InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
        var rejected = await RejectedFromAsync(builder.ShardId);
        Assert.Equal(
            [
                (kinesisEvent.Records[1].Kinesis.SequenceNumber, "MalformedJson"),
                (kinesisEvent.Records[2].Kinesis.SequenceNumber, "TooLate"),
                (kinesisEvent.Records[3].Kinesis.SequenceNumber, nameof(RejectReason.FutureTimestamp)),
                (kinesisEvent.Records[4].Kinesis.SequenceNumber, "InvalidBase64"),
            ],
            rejected.Select(r => (r.SequenceNumber, r.Reason)));
        var poison = rejected[0];
        Assert.Equal(("poison", kinesisEvent.Records[1].Kinesis.Data, false), (poison.PartitionKey, poison.Data, poison.DataTruncated));
        Assert.All(rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));

        var rows = await new RollupReader(dynalite.Client, table).QueryAsync(device, Resolution.Hour, null, null, null, CancellationToken.None);
        var row = Assert.Single(rows);
        Assert.Equal(new MetricStats(2, 8, 3, 5, 34), row.Metrics["temp"]);
    }

    [Fact]
    public async Task Handle_RejectsDeliveredTwice_StoresEachOnce()
    {
        var builder = new KinesisEventBuilder(KinesisEventBuilder.NewShardId()).AddPoison().AddPoison("[]");
        var kinesisEvent = builder.Build();
        var function = FunctionInvocation.NewFunction(dynalite.Client, table);
        await function.InvokeAsync(kinesisEvent);

        var response = await function.InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(["MalformedJson", "NotAnObject"], (await RejectedFromAsync(builder.ShardId)).Select(r => r.Reason));
    }

    [Fact]
    public async Task Handle_OversizedRecord_StoresTruncatedData()
    {
        var builder = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .AddData(Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('x', 40_000))), "big");
        var function = FunctionInvocation.NewFunction(dynalite.Client, table);

        await function.InvokeAsync(builder.Build());

        var rejected = Assert.Single(await RejectedFromAsync(builder.ShardId));
        Assert.Equal(nameof(RejectReason.Oversized), rejected.Reason);
        Assert.True(rejected.DataTruncated);
        Assert.Equal(8 * 1024, rejected.Data.Length);
        Assert.NotEmpty(Convert.FromBase64String(rejected.Data));
    }

    [Fact]
    public async Task Handle_EmptyRecord_StoresRejectWithEmptyData()
    {
        var builder = new KinesisEventBuilder(KinesisEventBuilder.NewShardId()).AddData(string.Empty, "empty");
        var function = FunctionInvocation.NewFunction(dynalite.Client, table);

        var response = await function.InvokeAsync(builder.Build());

        Assert.Empty(response.BatchItemFailures);
        var rejected = Assert.Single(await RejectedFromAsync(builder.ShardId));
        Assert.Equal(("empty", string.Empty), (rejected.PartitionKey, rejected.Data));
    }

    [Fact]
    public async Task Handle_DocumentedSampleEvent_RejectsItsPlainTextRecords()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "kinesis-event.json"));
        var kinesisEvent = JsonSerializer.Deserialize(json, LambdaEventJsonContext.Default.KinesisEvent)!;
        var function = FunctionInvocation.NewFunction(dynalite.Client, table);

        var response = await function.InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
        var rejected = await RejectedFromAsync("shardId-000000000006");
        Assert.Equal(kinesisEvent.Records.Select(r => r.Kinesis.SequenceNumber), rejected.Select(r => r.SequenceNumber));
        Assert.All(rejected, r => Assert.Equal("MalformedJson", r.Reason));
    }
}
