using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Telemetry.Local.Faults;

namespace Telemetry.FaultProxy.Tests.Integration;

[Collection(EmulatorsCollection.Name)]
public sealed class DynamoDbFaultTests(EmulatorsFixture emulators)
{
    [Fact]
    public async Task PutItem_Throttled_SdkSeesDynamoDbThrottlingExceptions()
    {
        var table = await CreateTableAsync();
        await using var proxy = await emulators.StartProxyAsync(Profiles.With("""{ "dynamodb": { "throttleRate": 1 } }"""), "test", seed: 8);
        using var client = EmulatorsFixture.DynamoDb(proxy.Endpoint(FaultUpstream.DynamoDb));

        var errors = new List<AmazonDynamoDBException>();
        for (var i = 0; i < 12; i++)
        {
            errors.Add(await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => client.PutItemAsync(table, Item($"id-{i}"))));
        }

        Assert.Equal(["ProvisionedThroughputExceededException", "ThrottlingException"], errors.Select(e => e.ErrorCode).Distinct().Order(StringComparer.Ordinal));
        Assert.All(errors.Where(e => e.ErrorCode == "ProvisionedThroughputExceededException"), e => Assert.IsType<ProvisionedThroughputExceededException>(e));
        Assert.All(errors.Where(e => e.ErrorCode == "ThrottlingException"), e => Assert.IsType<ThrottlingException>(e));
        Assert.All(errors, e => Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode));
        Assert.Equal(0, await CountItemsAsync(table));
    }

    [Fact]
    public async Task PutItem_ServerErrors_SdkSees5xxAndNothingIsWritten()
    {
        var table = await CreateTableAsync();
        await using var proxy = await emulators.StartProxyAsync(Profiles.With("""{ "dynamodb": { "operations": ["PutItem"], "serverErrorRate": 1 } }"""), "test", seed: 2);
        using var client = EmulatorsFixture.DynamoDb(proxy.Endpoint(FaultUpstream.DynamoDb));

        var errors = new List<AmazonDynamoDBException>();
        for (var i = 0; i < 12; i++)
        {
            errors.Add(await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => client.PutItemAsync(table, Item($"id-{i}"))));
        }

        Assert.Equal([500, 503], errors.Select(e => (int)e.StatusCode).Distinct().Order());
        Assert.All(errors.Where(e => (int)e.StatusCode == 500), e => Assert.IsType<InternalServerErrorException>(e));
        Assert.Equal(0, await CountItemsAsync(table));
    }

    [Fact]
    public async Task AnyCall_DynamoDbOutageProfile_EveryCallFailsAndKinesisStillPasses()
    {
        await using var proxy = await emulators.StartProxyAsync(Profiles.Shipped, "dynamodb-outage", seed: 21);
        using var client = EmulatorsFixture.DynamoDb(proxy.Endpoint(FaultUpstream.DynamoDb));
        using var kinesis = Telemetry.Local.Emulators.LocalClients.Kinesis(proxy.Endpoint(FaultUpstream.Kinesis), maxRetries: 0);

        var failures = 0;
        for (var i = 0; i < 20; i++)
        {
            // Server errors surface as service exceptions, cut connections as client or transport exceptions.
            var error = await Record.ExceptionAsync(() => client.ListTablesAsync());
            failures += error is AmazonServiceException or AmazonClientException or HttpRequestException or IOException ? 1 : 0;
        }

        // More faults than calls: .NET's connection pool resends by itself a request whose reused connection closed before any answer.
        var counters = proxy.Status().Upstreams["dynamodb"].Counters;
        Assert.Equal(20, failures);
        Assert.Equal(counters.Calls, counters.ServerErrors + counters.Resets);
        Assert.True(counters.Resets > 0 && counters.ServerErrors > 0, $"{counters}");
        await kinesis.DescribeStreamSummaryAsync(await emulators.CreateActiveStreamAsync());
    }

    private async Task<string> CreateTableAsync()
    {
        using var direct = EmulatorsFixture.DynamoDb(emulators.DynamoDbEndpoint);
        var name = "fault-" + Guid.NewGuid().ToString("N")[..12];
        await direct.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        await Poll.UntilAsync(
            () => direct.DescribeTableAsync(name), t => t.Table.TableStatus == TableStatus.ACTIVE, TimeSpan.FromSeconds(30), $"table {name} to become ACTIVE");
        return name;
    }

    private async Task<int?> CountItemsAsync(string table)
    {
        using var direct = EmulatorsFixture.DynamoDb(emulators.DynamoDbEndpoint);
        return (await direct.ScanAsync(new ScanRequest { TableName = table })).Count;
    }

    private static Dictionary<string, AttributeValue> Item(string id) => new() { ["id"] = new AttributeValue { S = id } };
}
