using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Telemetry.Local.Service;
using Telemetry.Local;

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

public sealed class DynamoDbCallCounterCapacityTests
{
    [Fact]
    public async Task Attach_WritesOnDynalite_CountsTheUnitsDynamoDbReportsBySizeOfItem()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-capacity-").FullName;
        try
        {
            await using var emulators = await Emulators.LocalEmulators.StartAsync(new Emulators.EmulatorOptions { DataDirectory = data, Kinesis = false, S3 = false });
            var counter = new DynamoDbCallCounter();
            using var client = counter.Attach(Emulators.LocalAws.DynamoDb(emulators.DynamoDbEndpoint));
            await client.CreateTableAsync(new CreateTableRequest
            {
                TableName = "units",
                BillingMode = BillingMode.PAY_PER_REQUEST,
                KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
                AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            });
            var deadline = Stopwatch.StartNew();
            while ((await client.DescribeTableAsync("units")).Table.TableStatus != TableStatus.ACTIVE && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }

            // One write of a small item (1 unit) and one of an item over 2 KB (3 units: a unit per KB, rounded up).
            await client.PutItemAsync(new PutItemRequest("units", new() { ["pk"] = new AttributeValue("small") }));
            await client.PutItemAsync(new PutItemRequest("units", new() { ["pk"] = new AttributeValue("large"), ["blob"] = new AttributeValue(new string('x', 2500)) }));
            // The units are read from the answer after the call returns: poll for them.
            deadline.Restart();
            while (counter.CapacityUnits().GetValueOrDefault("PutItem") < 4 && deadline.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Yield();
            }

            Assert.Equal(4, counter.CapacityUnits()["PutItem"]);
            Assert.Equal(2, counter.Snapshot()["PutItem"]);

            // dynalite reports nothing for a query that finds nothing; DynamoDB bills it a unit when consistent.
            await client.QueryAsync(new QueryRequest
            {
                TableName = "units",
                ConsistentRead = true,
                KeyConditionExpression = "pk = :pk",
                ExpressionAttributeValues = new() { [":pk"] = new AttributeValue("absent") },
            });
            // And a write whose condition fails is billed too.
            await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => client.PutItemAsync(
                new PutItemRequest("units", new() { ["pk"] = new AttributeValue("small") }) { ConditionExpression = "attribute_not_exists(pk)" }));
            deadline.Restart();
            while ((counter.CapacityUnits().GetValueOrDefault("Query") < 1 || counter.CapacityUnits()["PutItem"] < 5) && deadline.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Yield();
            }

            Assert.Equal((1.0, 5.0), (counter.CapacityUnits()["Query"], counter.CapacityUnits()["PutItem"]));
            Assert.True(counter.CapacityUnits().GetValueOrDefault("DescribeTable") == 0, "DescribeTable consumes no capacity");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
