using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Storage.Rejected;
using Telemetry.Storage.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Storage.Tests.Rejected;

[Collection(DynaliteCollection.Name)]
public class RejectedSinkTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task StoreAsync_BatchWriteOutage_ReturnsEveryReject()
    {
        var rejects = new[] { Seed.Reject("shardId-1", "8"), Seed.Reject("shardId-1", "9") };
        var failing = InterceptingDynamoDb.Wrap(dynalite.Client, request =>
            request is BatchWriteItemRequest ? throw new AmazonDynamoDBException("injected outage") : Task.CompletedTask);

        var failed = await new RejectedSink(failing, table, TextWriter.Null, null).StoreAsync(rejects, Now, CancellationToken.None);

        Assert.Equal(rejects, failed);
    }
}
