using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Contracts;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;
using Telemetry.Storage.Dynamo;

namespace Telemetry.Storage.Alerts;

/// <summary>
/// When each device was last heard from, and its silence, in the telemetry table. The alerter only moves the
/// last-seen time forward (a conditional update that leaves the watchdog's fields alone); the watchdog's decisions
/// are conditioned on the version and on the last arrival it read, so a device heard from meanwhile is not
/// called silent.
/// </summary>
public sealed class SeenStore(IAmazonDynamoDB dynamo, string tableName) : ISeenStore
{
    private const string DeviceId = "deviceId";
    private const string DeviceType = "deviceType";
    private const string Site = "site";
    private const string LastSeenAt = "lastSeenAt";
    private const string LastArrival = "lastArrival";
    private const string Silence = "silence";
    private const string Outbox = "outbox";
    private const string Version = "ver";

    public async Task<IReadOnlyList<SeenUpdate>> RecordAsync(IReadOnlyList<SeenUpdate> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var failed = new List<SeenUpdate>();
        foreach (var update in updates)
        {
            try
            {
                await dynamo.UpdateItemAsync(
                    new UpdateItemRequest
                    {
                        TableName = tableName,
                        Key = Key(update.DeviceId),
                        UpdateExpression = "SET #device = :device, #type = :type, #site = :site, #seen = :seen, #arrival = :arrival, #ver = if_not_exists(#ver, :zero)",
                        ConditionExpression = "attribute_not_exists(#arrival) OR #arrival < :arrival",
                        ExpressionAttributeNames = new()
                        {
                            ["#device"] = DeviceId, ["#type"] = DeviceType, ["#site"] = Site, ["#seen"] = LastSeenAt, ["#arrival"] = LastArrival, ["#ver"] = Version,
                        },
                        ExpressionAttributeValues = new()
                        {
                            [":device"] = new() { S = update.DeviceId },
                            [":type"] = new() { S = update.DeviceType },
                            [":site"] = new() { S = update.Site },
                            [":seen"] = new() { S = ReadingCodec.FormatTimestamp(update.LastSeenAt) },
                            [":arrival"] = DynamoNumber.Of(update.LastArrival.ToUnixTimeMilliseconds()),
                            [":zero"] = DynamoNumber.Of(0),
                        },
                    },
                    cancellationToken);
            }
            catch (ConditionalCheckFailedException)
            {
                // Already heard from later (another shard, a replay of old data): nothing to move.
            }
            catch (AmazonDynamoDBException)
            {
                failed.Add(update);
            }
        }

        return failed;
    }

    public async Task<IReadOnlyList<StoredSeen>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var result = new List<StoredSeen>();
        for (var bucket = 0; bucket < SeenTable.Buckets; bucket++)
        {
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var page = await dynamo.QueryAsync(
                    new QueryRequest
                    {
                        TableName = tableName,
                        ConsistentRead = true,
                        KeyConditionExpression = "#pk = :pk",
                        ExpressionAttributeNames = new() { ["#pk"] = TelemetryTable.PartitionKey },
                        ExpressionAttributeValues = new() { [":pk"] = new() { S = SeenTable.BucketPartition(bucket) } },
                        ExclusiveStartKey = start,
                    },
                    cancellationToken);
                result.AddRange((page.Items ?? []).Select(Read));
                start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            }
            while (start is not null);
        }

        return result;
    }

    public async Task<bool> DecideAsync(StoredSeen current, SilenceEpisode? silence, IReadOnlyList<AlertEvent> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(outbox);
        var values = new Dictionary<string, AttributeValue>
        {
            [":outbox"] = OutboxAttribute.Write(outbox),
            [":ver"] = DynamoNumber.Of(current.Version),
            [":next"] = DynamoNumber.Of(current.Version + 1),
            [":arrival"] = DynamoNumber.Of(current.Device.LastArrival.ToUnixTimeMilliseconds()),
        };
        if (silence is not null)
        {
            values[":silence"] = new AttributeValue
            {
                M = new()
                {
                    ["id"] = new() { S = silence.Id },
                    ["lastSeenAt"] = new() { S = ReadingCodec.FormatTimestamp(silence.LastSeenAt) },
                    ["lastArrival"] = DynamoNumber.Of(silence.LastArrival.ToUnixTimeMilliseconds()),
                },
            };
        }

        try
        {
            await dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = tableName,
                    Key = Key(current.Device.DeviceId),
                    UpdateExpression = (silence is null ? "REMOVE #silence " : "") + "SET #outbox = :outbox, #ver = :next" + (silence is null ? "" : ", #silence = :silence"),
                    ConditionExpression = "#ver = :ver AND #arrival = :arrival",
                    ExpressionAttributeNames = new() { ["#silence"] = Silence, ["#outbox"] = Outbox, ["#ver"] = Version, ["#arrival"] = LastArrival },
                    ExpressionAttributeValues = values,
                },
                cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static Dictionary<string, AttributeValue> Key(string deviceId) => new(StringComparer.Ordinal)
    {
        [TelemetryTable.PartitionKey] = new() { S = SeenTable.Partition(deviceId) },
        [TelemetryTable.SortKey] = new() { S = deviceId },
    };

    private static StoredSeen Read(Dictionary<string, AttributeValue> item)
    {
        var deviceId = DynamoText.Required(item, DeviceId);
        SilenceEpisode? silence = item.GetValueOrDefault(Silence)?.M is { } m
            ? new SilenceEpisode(DynamoText.Required(m, "id"), ReadingCodec.ParseTimestamp(DynamoText.Required(m, "lastSeenAt")), Arrival(m.GetValueOrDefault("lastArrival"), "silence.lastArrival"))
            : null;
        var device = new SeenDevice(
            deviceId,
            DynamoText.Required(item, DeviceType),
            DynamoText.Required(item, Site),
            ReadingCodec.ParseTimestamp(DynamoText.Required(item, LastSeenAt)),
            Arrival(item.GetValueOrDefault(LastArrival), LastArrival),
            silence);
        return new StoredSeen(device, DynamoNumber.Long(item.GetValueOrDefault(Version), Version), OutboxAttribute.Read(item.GetValueOrDefault(Outbox), $"Last-seen record of {deviceId}"));
    }

    private static DateTimeOffset Arrival(AttributeValue? value, string name) => DateTimeOffset.FromUnixTimeMilliseconds(DynamoNumber.Long(value, name));

}
