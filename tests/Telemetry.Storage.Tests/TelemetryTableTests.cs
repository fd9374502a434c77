using Amazon.DynamoDBv2;

namespace Telemetry.Storage.Tests;

public class TelemetryTableTests
{
    [Fact]
    public void CreateTableRequest_AnyName_HasStringKeysAndOnDemandBilling()
    {
        var request = TelemetryTable.CreateTableRequest("telemetry-rollups");

        Assert.Equal("telemetry-rollups", request.TableName);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, request.BillingMode);
        Assert.Collection(
            request.KeySchema,
            k => Assert.Equal(("pk", KeyType.HASH), (k.AttributeName, k.KeyType)),
            k => Assert.Equal(("sk", KeyType.RANGE), (k.AttributeName, k.KeyType)));
        Assert.All(request.AttributeDefinitions, a => Assert.Equal(ScalarAttributeType.S, a.AttributeType));
    }
}
