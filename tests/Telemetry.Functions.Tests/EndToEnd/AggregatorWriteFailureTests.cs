using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Functions.Events;
using Telemetry.Functions.Tests.Support;
using Telemetry.Processing;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.EndToEnd;

[Collection(DynaliteCollection.Name)]
// The DynamoDB adapter under real failures: an outage on one window, and a lost conditional write.
public class AggregatorWriteFailureTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    private AggregatorFunction FunctionWith(Func<AmazonWebServiceRequest, Task> before) =>
        new(InterceptingDynamoDb.Wrap(dynalite.Client, before), new AggregatorSettings(table, TimeSpan.FromHours(24)), new FakeTimeProvider(Now));

    private async Task<long> CountAsync(string device, Resolution resolution) =>
        (await new RollupReader(dynalite.Client, table).QueryAsync(device, resolution, null, null, null, CancellationToken.None))
            .Sum(r => r.ReadingCount);

    [Fact]
    public async Task Handle_WriteFailsForOneDevice_ReportsLowestContributingSequenceAndReplayIsExact()
    {
        var (healthy, broken) = (NewDeviceId(), NewDeviceId());
        var kinesisEvent = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(healthy, TenOClock.AddSeconds(1), 1, ("temp", 1)))
            .Add(At(broken, TenOClock.AddSeconds(2), 1, ("temp", 1)))
            .Add(At(healthy, TenOClock.AddSeconds(3), 2, ("temp", 1)))
            .Add(At(broken, TenOClock.AddSeconds(4), 2, ("temp", 1)))
            .Build();
        var failing = FunctionWith(request =>
            request is UpdateItemRequest update && update.Key["pk"].S.Contains(broken, StringComparison.Ordinal)
                ? throw new AmazonDynamoDBException("injected outage")
                : Task.CompletedTask);

        var response = await failing.InvokeAsync(kinesisEvent);

        var failure = Assert.Single(response.BatchItemFailures);
        Assert.Equal(kinesisEvent.Records[1].Kinesis.SequenceNumber, failure.ItemIdentifier);
        Assert.Equal(2, await CountAsync(healthy, Resolution.Minute));
        Assert.Equal(0, await CountAsync(broken, Resolution.Minute));

        // The event source mapping restarts the shard at the reported record.
        var replay = await FunctionInvocation.NewFunction(dynalite.Client, table).InvokeAsync(new KinesisEvent([.. kinesisEvent.Records.Skip(1)]));

        Assert.Empty(replay.BatchItemFailures);
        Assert.Equal((2L, 2L), (await CountAsync(healthy, Resolution.Minute), await CountAsync(healthy, Resolution.Hour)));
        Assert.Equal((2L, 2L), (await CountAsync(broken, Resolution.Minute), await CountAsync(broken, Resolution.Hour)));
    }

    [Fact]
    public async Task Handle_ConcurrentWriterOnSameWindows_RereadsAndKeepsBothContributions()
    {
        var device = NewDeviceId();
        var ours = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, TenOClock.AddSeconds(1), 1, ("temp", 1)))
            .Build();
        var theirs = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, TenOClock.AddSeconds(2), 2, ("temp", 2)))
            .Build();
        var interfered = 0;
        var racing = FunctionWith(async request =>
        {
            // Between our read and our first write, another invocation (another shard) writes the same windows.
            if (request is UpdateItemRequest && Interlocked.Exchange(ref interfered, 1) == 0)
            {
                await FunctionInvocation.NewFunction(dynalite.Client, table).InvokeAsync(theirs);
            }
        });

        var response = await racing.InvokeAsync(ours);

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(1, interfered);
        foreach (var resolution in new[] { Resolution.Minute, Resolution.Hour })
        {
            var item = await dynalite.Client.RawItemAsync(table, device, resolution, TenOClock);
            Assert.Equal(("2", "2"), (item["readings"].N, item["ver"].N));
            Assert.Equal("3", item["m"].M["temp"].M["sum"].N);
            Assert.Equal(2, item["hwm"].M.Count);
        }
    }
}
