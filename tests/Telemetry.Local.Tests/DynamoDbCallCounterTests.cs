using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Telemetry.Local.Service;

namespace Telemetry.Local.Tests;

public sealed class DynamoDbCallCounterTests
{
    // Nothing listens on port 9 of the loopback address: every call fails fast with the error of the SDK client itself (not a reflection wrapper), and counts once however often it was retried.
    private static AmazonDynamoDBClient Unreachable() => new(
        new BasicAWSCredentials("test", "test"),
        new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9", AuthenticationRegion = "us-east-1", MaxErrorRetry = 2 });

    [Fact]
    public async Task Attach_CallsByOperation_CountsEachCallOnceWithItsOwnError()
    {
        var counter = new DynamoDbCallCounter();
        using var client = counter.Attach(Unreachable());

        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => client.UpdateItemAsync(new UpdateItemRequest { TableName = "t" }));
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => client.QueryAsync(new QueryRequest { TableName = "t" }));

        Assert.Equal(new Dictionary<string, long> { ["Query"] = 1, ["UpdateItem"] = 2 }, counter.Snapshot());
    }

    [Fact]
    public void Attach_PropertiesAndDispose_AreNotCalls()
    {
        var counter = new DynamoDbCallCounter();
        var client = counter.Attach(Unreachable());

        _ = client.Config;
        client.Dispose();

        Assert.Empty(counter.Snapshot());
    }
}
