using Amazon.DynamoDBv2;
using Telemetry.Functions.Rollups;
using Telemetry.Processing;

namespace Telemetry.Functions.Tests.Rollups;

public class RollupTableTests
{
    [Fact]
    public void CreateTableRequest_AnyName_HasStringKeysAndOnDemandBilling()
    {
        var request = RollupTable.CreateTableRequest("telemetry-rollups");

        Assert.Equal("telemetry-rollups", request.TableName);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, request.BillingMode);
        Assert.Collection(
            request.KeySchema,
            k => Assert.Equal(("pk", KeyType.HASH), (k.AttributeName, k.KeyType)),
            k => Assert.Equal(("sk", KeyType.RANGE), (k.AttributeName, k.KeyType)));
        Assert.All(request.AttributeDefinitions, a => Assert.Equal(ScalarAttributeType.S, a.AttributeType));
    }

    [Fact]
    public void Keys_DeviceAndWindow_FollowTheDocumentedFormat()
    {
        var start = new DateTimeOffset(2025, 3, 1, 9, 7, 0, TimeSpan.FromHours(-2));

        Assert.Equal("D#dev-1#1m", RollupTable.DevicePartition("dev-1", Resolution.Minute));
        Assert.Equal("D#dev-1#1h", RollupTable.DevicePartition("dev-1", Resolution.Hour));
        Assert.Equal("2025-03-01T11:07:00Z", RollupTable.WindowSortKey(start));
        Assert.Equal("REJECTED#2025-03-01", RollupTable.RejectedPartition(new DateOnly(2025, 3, 1)));
    }
}
