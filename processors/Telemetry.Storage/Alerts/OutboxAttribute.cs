using Amazon.DynamoDBv2.Model;
using Telemetry.Contracts.Alerts;
using Telemetry.Storage.Dynamo;

namespace Telemetry.Storage.Alerts;

// An outbox as stored: a list of {t: detail type, d: detail JSON}, the published form of each event.
internal static class OutboxAttribute
{
    public static AttributeValue Write(IReadOnlyList<AlertEvent> outbox) => new()
    {
        L = [.. outbox.Select(e => new AttributeValue { M = new() { ["t"] = new() { S = e.DetailType }, ["d"] = new() { S = AlertEventCodec.EncodeDetail(e) } } })],
    };

    public static List<AlertEvent> Read(AttributeValue? value, string owner) =>
        [.. (value?.L ?? []).Select(e =>
            AlertEventCodec.TryDecode(DynamoText.Required(e.M, "t"), DynamoText.Required(e.M, "d"), out var alert, out var problem)
                ? alert!
                : throw new InvalidDataException($"{owner} holds an unreadable event: {problem}"))];
}
