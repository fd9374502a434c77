using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Contracts;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;
using Telemetry.Storage.Dynamo;

namespace Telemetry.Storage.Alerts;

/// <summary>
/// When each device was last heard from, and its silence, in the telemetry table. The alerter only moves the
/// last-seen time forward: a conditional update that leaves the watchdog's fields alone, refused when the device
/// was quiet for so long before that a silence may have been missed; then the alerter writes what it decided
/// conditioned on the version and last arrival it read. The watchdog's decisions are conditioned on both too, so a
/// device heard from meanwhile is not called silent, and a silence is reported by one of them only. Each shard's
/// lag, as the alerter last measured it, is kept beside (<see cref="SeenTable.LagPartition"/>).
/// </summary>
public sealed class SeenStore(IAmazonDynamoDB dynamo, string tableName) : ISeenStore
{
    private const string DeviceId = "deviceId";
    private const string DeviceType = "deviceType";
    private const string Site = "site";
    private const string LastSeenAt = "lastSeenAt";
    private const string LastArrival = "lastArrival";
    private const string Shard = "shard";
    private const string Silence = "silence";
    private const string Outbox = "outbox";
    private const string Version = "ver";
    private const string Latest = "latest";
    private const string Behind = "behindMs";
    private const string MeasuredAt = "measuredAt";

    public async Task<SeenRecording> RecordAsync(IReadOnlyList<SeenUpdate> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        List<SeenUpdate> refused = [], failed = [];
        foreach (var update in updates)
        {
            var request = Heard(update, "#ver = if_not_exists(#ver, :zero)");
            request.ExpressionAttributeValues[":zero"] = DynamoNumber.Of(0);
            request.ConditionExpression = "attribute_not_exists(#arrival) OR (#arrival < :arrival" + (update.GapFloor is null ? ")" : " AND (#arrival >= :floor OR attribute_exists(#silence)))");
            if (update.GapFloor is { } floor)
            {
                request.ExpressionAttributeNames["#silence"] = Silence;
                request.ExpressionAttributeValues[":floor"] = DynamoNumber.Of(floor.ToUnixTimeMilliseconds());
            }

            try
            {
                await dynamo.UpdateItemAsync(request, cancellationToken);
            }
            catch (ConditionalCheckFailedException)
            {
                refused.Add(update);
            }
            catch (AmazonDynamoDBException)
            {
                failed.Add(update);
            }
        }

        return new SeenRecording(refused, failed);
    }

    public async Task<StoredSeen?> ReadAsync(string deviceId, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = tableName, Key = Key(deviceId), ConsistentRead = true }, cancellationToken);
        return response.Item is { Count: > 0 } item ? Read(item) : null;
    }

    public async Task<bool> RecordAfterAsync(StoredSeen? read, SeenUpdate update, IReadOnlyList<AlertEvent> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        var request = Heard(update, "#outbox = :outbox, #ver = :next");
        request.ExpressionAttributeNames["#outbox"] = Outbox;
        request.ExpressionAttributeValues[":outbox"] = OutboxAttribute.Write(outbox);
        request.ExpressionAttributeValues[":next"] = DynamoNumber.Of((read?.Version ?? 0) + 1);
        if (read is null)
        {
            request.ConditionExpression = "attribute_not_exists(#arrival)";
        }
        else
        {
            request.ConditionExpression = "#ver = :ver AND #arrival = :read";
            request.ExpressionAttributeValues[":ver"] = DynamoNumber.Of(read.Version);
            request.ExpressionAttributeValues[":read"] = DynamoNumber.Of(read.Device.LastArrival.ToUnixTimeMilliseconds());
        }

        try
        {
            await dynamo.UpdateItemAsync(request, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<StoredSeen>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var result = new List<StoredSeen>();
        for (var bucket = 0; bucket < SeenTable.Buckets; bucket++)
        {
            result.AddRange((await QueryAsync(SeenTable.BucketPartition(bucket), cancellationToken)).Select(Read));
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

    public async Task<bool> RecordLagAsync(ShardLag lag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lag);
        try
        {
            await dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = tableName,
                    Key = new(StringComparer.Ordinal)
                    {
                        [TelemetryTable.PartitionKey] = new() { S = SeenTable.LagPartition },
                        [TelemetryTable.SortKey] = new() { S = lag.ShardId },
                    },
                    UpdateExpression = "SET #behind = :behind, #at = :at",
                    // An instance that measured earlier but writes later (a slow one, after the shard moved) must not win.
                    ConditionExpression = "attribute_not_exists(#at) OR #at <= :at",
                    ExpressionAttributeNames = new() { ["#behind"] = Behind, ["#at"] = MeasuredAt },
                    ExpressionAttributeValues = new()
                    {
                        [":behind"] = DynamoNumber.Of((long)lag.Behind.TotalMilliseconds),
                        [":at"] = DynamoNumber.Of(lag.MeasuredAt.ToUnixTimeMilliseconds()),
                    },
                },
                cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return true;
        }
        catch (AmazonDynamoDBException)
        {
            return false;
        }
    }

    /// <summary>
    /// Retires devices that will never report again (a finished demo's fleet): their last-seen records go, so the
    /// watchdog does not call them silent. Their episode history stays. Returns the devices that could not be removed.
    /// </summary>
    public async Task<IReadOnlyList<string>> ForgetAsync(IReadOnlyList<string> deviceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        var requests = deviceIds.Distinct(StringComparer.Ordinal).Select(id => new WriteRequest { DeleteRequest = new DeleteRequest { Key = Key(id) } }).ToList();
        var failed = await DynamoBatches.WriteAsync(dynamo, tableName, requests, RetryOptions.Default, cancellationToken);
        return [.. failed.Select(f => DynamoText.Required(f.DeleteRequest.Key, TelemetryTable.SortKey))];
    }

    public async Task<IReadOnlyDictionary<string, ShardLag>> ReadLagsAsync(CancellationToken cancellationToken) =>
        (await QueryAsync(SeenTable.LagPartition, cancellationToken))
            .Select(item => new ShardLag(
                DynamoText.Required(item, TelemetryTable.SortKey),
                TimeSpan.FromMilliseconds(DynamoNumber.Long(item.GetValueOrDefault(Behind), Behind)),
                DateTimeOffset.FromUnixTimeMilliseconds(DynamoNumber.Long(item.GetValueOrDefault(MeasuredAt), MeasuredAt))))
            .ToDictionary(l => l.ShardId, StringComparer.Ordinal);

    // The update that records a device heard from, its condition left to the caller; `also` sets the version and more.
    private UpdateItemRequest Heard(SeenUpdate update, string also)
    {
        ArgumentNullException.ThrowIfNull(update);
        var values = new Dictionary<string, AttributeValue>
        {
            [":device"] = new() { S = update.DeviceId },
            [":type"] = new() { S = update.DeviceType },
            [":site"] = new() { S = update.Site },
            [":seen"] = new() { S = ReadingCodec.FormatTimestamp(update.LastSeenAt) },
            [":arrival"] = DynamoNumber.Of(update.LastArrival.ToUnixTimeMilliseconds()),
        };
        if (update.ShardId is not null)
        {
            values[":shard"] = new() { S = update.ShardId };
        }

        var names = new Dictionary<string, string>
        {
            ["#device"] = DeviceId, ["#type"] = DeviceType, ["#site"] = Site, ["#seen"] = LastSeenAt, ["#arrival"] = LastArrival, ["#shard"] = Shard, ["#ver"] = Version,
        };
        var latest = string.Empty;
        if (update.Latest is { } metrics)
        {
            // DynamoDB refuses an expression name it does not use, so #latest is named only with its value.
            values[":latest"] = new() { M = metrics.ToDictionary(m => m.Key, m => DynamoNumber.Of(m.Value), StringComparer.Ordinal) };
            names["#latest"] = Latest;
            latest = "#latest = :latest, ";
        }

        return new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(update.DeviceId),
            // The shard goes with the arrival it was read with: an update that does not know it removes the old one.
            UpdateExpression = "SET #device = :device, #type = :type, #site = :site, #seen = :seen, #arrival = :arrival, " + latest
                + (update.ShardId is null ? also + " REMOVE #shard" : "#shard = :shard, " + also),
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
    }

    private async Task<List<Dictionary<string, AttributeValue>>> QueryAsync(string partition, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
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
                    ExpressionAttributeValues = new() { [":pk"] = new() { S = partition } },
                    ExclusiveStartKey = start,
                },
                cancellationToken);
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return items;
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
            silence)
        {
            ShardId = item.GetValueOrDefault(Shard)?.S,
            Latest = item.GetValueOrDefault(Latest)?.M is { } latest
                ? latest.ToDictionary(m => m.Key, m => DynamoNumber.Double(m.Value, $"{Latest}.{m.Key}"), StringComparer.Ordinal)
                : new Dictionary<string, double>(),
        };
        return new StoredSeen(device, DynamoNumber.Long(item.GetValueOrDefault(Version), Version), OutboxAttribute.Read(item.GetValueOrDefault(Outbox), $"Last-seen record of {deviceId}"));
    }

    private static DateTimeOffset Arrival(AttributeValue? value, string name) => DateTimeOffset.FromUnixTimeMilliseconds(DynamoNumber.Long(value, name));
}
