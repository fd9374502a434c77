using Amazon.DynamoDBv2.Model;
using Telemetry.Contracts;
using Telemetry.Processing.Alerts;
using Telemetry.Storage.Dynamo;

namespace Telemetry.Storage.Alerts;

// Maps a (device, rule) pair between the domain's StoredAlertState and its DynamoDB item.
internal static class AlertStateItem
{
    private const string DeviceId = "deviceId";
    private const string RuleId = "ruleId";
    private const string Phase = "phase";
    private const string LastBoot = "lastBoot";
    private const string LastSequence = "lastSeq";
    private const string BreachSince = "breachSince";
    private const string BreachReadings = "breachReadings";
    private const string Episode = "episode";
    private const string Outbox = "outbox";
    public const string VersionAttribute = "ver";
    private const string Version = VersionAttribute;

    public static Dictionary<string, AttributeValue> Write(string deviceId, string ruleId, StoredAlertState stored)
    {
        var state = stored.State;
        var item = AlertStateTable.Key(deviceId, ruleId);
        item[DeviceId] = new AttributeValue { S = deviceId };
        item[RuleId] = new AttributeValue { S = ruleId };
        item[Phase] = new AttributeValue { S = state.Phase.ToString() };
        item[BreachReadings] = DynamoNumber.Of(state.BreachReadings);
        item[Version] = DynamoNumber.Of(stored.Version);
        item[Outbox] = OutboxAttribute.Write(stored.Outbox);
        if (state.LastApplied is { } last)
        {
            item[LastBoot] = DynamoNumber.Of(last.Boot);
            item[LastSequence] = DynamoNumber.Of(last.Sequence);
        }

        if (state.BreachSince is { } since)
        {
            item[BreachSince] = new AttributeValue { S = ReadingCodec.FormatTimestamp(since) };
        }

        if (state.Episode is { } episode)
        {
            item[Episode] = new AttributeValue
            {
                M = new()
                {
                    ["id"] = new() { S = episode.Id },
                    ["startedAt"] = new() { S = ReadingCodec.FormatTimestamp(episode.StartedAt) },
                    ["raisedAt"] = new() { S = ReadingCodec.FormatTimestamp(episode.RaisedAt) },
                    ["boot"] = DynamoNumber.Of(episode.RaisedBy.Boot),
                    ["seq"] = DynamoNumber.Of(episode.RaisedBy.Sequence),
                    ["value"] = DynamoNumber.Of(episode.RaisedValue),
                },
            };
        }

        return item;
    }

    public static (string RuleId, StoredAlertState State) Read(Dictionary<string, AttributeValue> item)
    {
        var deviceId = DynamoText.Required(item, DeviceId);
        var ruleId = DynamoText.Required(item, RuleId);
        if (!Enum.TryParse<AlertPhase>(DynamoText.Required(item, Phase), out var phase))
        {
            throw new InvalidDataException($"Alert state {deviceId}/{ruleId} has the unknown phase '{item[Phase].S}'.");
        }

        ReadingId? last = item.ContainsKey(LastSequence)
            ? new ReadingId(deviceId, DynamoNumber.Long(item.GetValueOrDefault(LastBoot), LastBoot), DynamoNumber.Long(item[LastSequence], LastSequence))
            : null;
        var state = new AlertState(
            phase,
            last,
            item.TryGetValue(BreachSince, out var since) ? ReadingCodec.ParseTimestamp(since.S) : null,
            (int)DynamoNumber.Long(item.GetValueOrDefault(BreachReadings), BreachReadings),
            item.TryGetValue(Episode, out var episode) ? ReadEpisode(deviceId, episode.M) : null);
        var outbox = OutboxAttribute.Read(item.GetValueOrDefault(Outbox), $"Alert state {deviceId}/{ruleId}");
        return (ruleId, new StoredAlertState(state, DynamoNumber.Long(item.GetValueOrDefault(Version), Version), outbox));
    }

    private static AlertEpisode ReadEpisode(string deviceId, Dictionary<string, AttributeValue> m) => new(
        DynamoText.Required(m, "id"),
        ReadingCodec.ParseTimestamp(DynamoText.Required(m, "startedAt")),
        ReadingCodec.ParseTimestamp(DynamoText.Required(m, "raisedAt")),
        new ReadingId(deviceId, DynamoNumber.Long(m.GetValueOrDefault("boot"), "boot"), DynamoNumber.Long(m.GetValueOrDefault("seq"), "seq")),
        DynamoNumber.Double(m.GetValueOrDefault("value"), "value"));

}
