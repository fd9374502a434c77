using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Functions.Events;
using Telemetry.Processing;
using Telemetry.Storage;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;

namespace Telemetry.Functions.Tests.Support;

public static class FunctionInvocation
{
    public static AggregatorFunction NewFunction(IAmazonDynamoDB client, string table) =>
        new(client, new AggregatorSettings(table, TimeSpan.FromHours(24)), new FakeTimeProvider(TestReadings.Now));

    // Goes through the Stream entry point, exactly as the Lambda runtime calls it.
    public static async Task<StreamsEventResponse> InvokeAsync(this AggregatorFunction function, KinesisEvent kinesisEvent)
    {
        using var input = KinesisEventBuilder.ToStream(kinesisEvent);
        await using var output = await function.Handle(input);
        return await JsonSerializer.DeserializeAsync(output, LambdaEventJsonContext.Default.StreamsEventResponse)
            ?? throw new InvalidOperationException("The function returned null.");
    }

    public static async Task<Dictionary<string, AttributeValue>> RawItemAsync(
        this IAmazonDynamoDB client, string table, string deviceId, Resolution resolution, DateTimeOffset windowStart)
    {
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            ConsistentRead = true,
            Key = new Dictionary<string, AttributeValue>
            {
                [TelemetryTable.PartitionKey] = new() { S = RollupTable.DevicePartition(deviceId, resolution) },
                [TelemetryTable.SortKey] = new() { S = RollupTable.WindowSortKey(windowStart) },
            },
        });
        return response.Item ?? [];
    }
}
