using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Functions.Tests.Support;
using Telemetry.Processing;
using Telemetry.Storage.Tests.Support;
using Telemetry.Storage;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.EndToEnd;

// A lost conditional write: the adapter reads again and keeps both contributions.
[Collection(DynaliteCollection.Name)]
public class AggregatorConcurrencyTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    private AggregatorFunction FunctionWith(Func<AmazonWebServiceRequest, Task> before) =>
        new(InterceptingDynamoDb.Wrap(dynalite.Client, before), new AggregatorSettings(table, TimeSpan.FromHours(24)), new FakeTimeProvider(Now));

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
            Assert.Equal("1-2", item["ids"].M["0"].S);
        }
    }
}
