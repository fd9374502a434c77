using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Quantiles;
using Telemetry.Storage.Dynamo;
using A = Telemetry.Storage.Rollups.RollupAttributes;

namespace Telemetry.Storage.Rollups;

// Maps a window between the domain's RollupState and its DynamoDB item.
internal static class RollupItem
{
    public static StoredRollup? Read(Dictionary<string, AttributeValue>? item)
    {
        if (item is null || item.Count == 0)
        {
            return null;
        }

        var state = new RollupState(
            DynamoText.Required(item, A.DeviceType),
            DynamoText.Required(item, A.Site),
            DynamoNumber.Long(item.GetValueOrDefault(A.Readings), A.Readings),
            ReadMetrics(item.GetValueOrDefault(A.Metrics)),
            ReadAbsorbed(item.GetValueOrDefault(A.Absorbed)));
        return new StoredRollup(state, DynamoNumber.Long(item.GetValueOrDefault(A.Version), A.Version));
    }

    public static IReadOnlyDictionary<string, MetricStats> ReadMetrics(AttributeValue? metrics)
    {
        var result = new Dictionary<string, MetricStats>(StringComparer.Ordinal);
        if (metrics?.M is null)
        {
            return result;
        }

        foreach (var (name, value) in metrics.M)
        {
            var stats = value.M ?? throw new InvalidDataException($"Metric '{name}' is not a map.");
            result[name] = new MetricStats(
                DynamoNumber.Long(stats.GetValueOrDefault(A.Count), A.Count),
                DynamoNumber.Double(stats.GetValueOrDefault(A.Sum), A.Sum),
                DynamoNumber.Double(stats.GetValueOrDefault(A.Min), A.Min),
                DynamoNumber.Double(stats.GetValueOrDefault(A.Max), A.Max),
                DynamoNumber.Double(stats.GetValueOrDefault(A.SumOfSquares), A.SumOfSquares),
                ReadQuantiles(name, stats.GetValueOrDefault(A.Quantiles)));
        }

        return result;
    }

    // Absent from items written before windows kept sketches.
    private static QuantileSketch? ReadQuantiles(string metric, AttributeValue? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.B is null)
        {
            throw new InvalidDataException($"The quantiles of metric '{metric}' are not binary.");
        }

        try
        {
            return QuantileSketchCodec.Decode(value.B.ToArray());
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"The quantiles of metric '{metric}': {ex.Message}", ex);
        }
    }

    // Boots are map keys in decimal, each with its sequence numbers in SequenceRanges' text form.
    public static AbsorbedReadings ReadAbsorbed(AttributeValue? absorbed)
    {
        if (absorbed?.M is null)
        {
            return new AbsorbedReadings();
        }

        var byBoot = new List<KeyValuePair<long, SequenceRanges>>(absorbed.M.Count);
        foreach (var (bootText, value) in absorbed.M)
        {
            if (!long.TryParse(bootText, NumberStyles.None, CultureInfo.InvariantCulture, out var boot))
            {
                throw new InvalidDataException($"{A.Absorbed} has the key '{bootText}', which is not a boot.");
            }

            if (value.S is null || !SequenceRanges.TryParse(value.S, out var ranges, out var problem))
            {
                throw new InvalidDataException($"{A.Absorbed} of boot {boot} is not a list of sequence ranges.");
            }

            byBoot.Add(new(boot, ranges));
        }

        return AbsorbedReadings.From(byBoot);
    }

    private static AttributeValue AbsorbedValue(AbsorbedReadings absorbed) => new()
    {
        M = absorbed.ByBoot.ToDictionary(
            p => p.Key.ToString(CultureInfo.InvariantCulture), p => new AttributeValue { S = p.Value.ToString() }, StringComparer.Ordinal),
    };

    // Only minute windows expire: hour windows are the long-term record, at a sixtieth of the items.
    public static DateTimeOffset? ExpiresAt(WindowKey key, TimeSpan? minuteRollupTtl) =>
        key.Resolution == Resolution.Minute && minuteRollupTtl is { } ttl ? key.End + ttl : null;

    // One UpdateItem replaces the whole window; the condition makes it lose, not overwrite, a concurrent writer.
    // Without an expiry the attribute is removed, so that turning the TTL off holds for every window written since.
    public static UpdateItemRequest Write(string tableName, WindowKey key, RollupState state, long readVersion, DateTimeOffset? expiresAt)
    {
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = RollupTable.Key(key),
            UpdateExpression =
                "SET #deviceId = :deviceId, #deviceType = :deviceType, #site = :site, #resolution = :resolution, " +
                "#windowStart = :windowStart, #readings = :readings, #m = :m, #ids = :ids, #ver = :ver" +
                (expiresAt is null ? " REMOVE #expiresAt" : ", #expiresAt = :expiresAt"),
            ConditionExpression = "attribute_not_exists(#pk) OR #ver = :readVer",
            ExpressionAttributeNames = Names(),
            ExpressionAttributeValues = Values(key, state, readVersion),
        };
        if (expiresAt is { } at)
        {
            request.ExpressionAttributeValues[":expiresAt"] = DynamoNumber.EpochSeconds(at);
        }

        return request;
    }

    private static Dictionary<string, string> Names() => new(StringComparer.Ordinal)
    {
        ["#pk"] = TelemetryTable.PartitionKey,
        ["#deviceId"] = A.DeviceId,
        ["#deviceType"] = A.DeviceType,
        ["#site"] = A.Site,
        ["#resolution"] = A.Resolution,
        ["#windowStart"] = A.WindowStart,
        ["#readings"] = A.Readings,
        ["#m"] = A.Metrics,
        ["#ids"] = A.Absorbed,
        ["#ver"] = A.Version,
        ["#expiresAt"] = TelemetryTable.ExpiresAt,
    };

    private static Dictionary<string, AttributeValue> Values(WindowKey key, RollupState state, long readVersion) => new(StringComparer.Ordinal)
    {
        [":deviceId"] = new() { S = key.DeviceId },
        [":deviceType"] = new() { S = state.DeviceType },
        [":site"] = new() { S = state.Site },
        [":resolution"] = new() { S = key.Resolution.Code() },
        [":windowStart"] = new() { S = RollupTable.WindowSortKey(key.Start) },
        [":readings"] = DynamoNumber.Of(state.ReadingCount),
        [":m"] = new() { M = QuantileBudget.Fit(state.Metrics).ToDictionary(p => p.Key, p => MetricValue(p.Value), StringComparer.Ordinal) },
        [":ids"] = AbsorbedValue(state.Absorbed),
        [":ver"] = DynamoNumber.Of(readVersion + 1),
        [":readVer"] = DynamoNumber.Of(readVersion),
    };

    private static AttributeValue MetricValue(MetricStats stats)
    {
        var value = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [A.Count] = DynamoNumber.Of(stats.Count),
            [A.Sum] = DynamoNumber.Of(stats.Sum),
            [A.Min] = DynamoNumber.Of(stats.Min),
            [A.Max] = DynamoNumber.Of(stats.Max),
            [A.SumOfSquares] = DynamoNumber.Of(stats.SumOfSquares),
        };
        if (stats.Quantiles is { } quantiles)
        {
            value[A.Quantiles] = new AttributeValue { B = new MemoryStream(QuantileSketchCodec.Encode(quantiles)) };
        }

        return new AttributeValue { M = value };
    }
}
