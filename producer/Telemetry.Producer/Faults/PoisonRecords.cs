using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Telemetry.Contracts;

namespace Telemetry.Producer.Faults;

/// <summary>
/// Records that the decoder must reject, one kind per <see cref="RejectReason"/>, each built from a valid reading
/// with exactly one thing wrong, so that the decoder's order of checks cannot report another reason. Pure.
/// </summary>
public static class PoisonRecords
{
    /// <summary>Every reject reason of the decoder, in the order a run rotates through them.</summary>
    public static IReadOnlyList<RejectReason> Rotation { get; } =
        Enum.GetValues<RejectReason>().Where(r => r != RejectReason.None).ToArray();

    /// <summary>
    /// A record that decodes to <paramref name="reason"/>. <paramref name="template"/> supplies the valid fields;
    /// <paramref name="future"/> is the timestamp of a future-stamped record and must lie more than
    /// <see cref="ReadingSchema.MaxFutureSkew"/> past the time it will be decoded.
    /// </summary>
    public static byte[] Build(RejectReason reason, Reading template, DateTimeOffset future)
    {
        ArgumentNullException.ThrowIfNull(template);
        var valid = Encoding.UTF8.GetString(ReadingCodec.Encode(template));
        return Encoding.UTF8.GetBytes(Text(reason, valid, template, future));
    }

    private static string Text(RejectReason reason, string valid, Reading template, DateTimeOffset future) => reason switch
    {
        // A valid object padded past the limit with a field the decoder would ignore.
        RejectReason.Oversized => With(valid, o => o["padding"] = new string('x', ReadingSchema.MaxRecordBytes)),
        // The closing brace cut off, as a truncated write would be; the rest keeps every poison record distinct.
        RejectReason.MalformedJson => valid[..^1],
        RejectReason.NotAnObject => "[" + valid + "]",
        RejectReason.MissingField => With(valid, o => o.Remove("timestamp")),
        RejectReason.MistypedField => With(valid, o => o["seq"] = template.Sequence.ToString(CultureInfo.InvariantCulture)),
        // JsonObject cannot hold a name twice, so the second seq goes in as text.
        RejectReason.DuplicateField => valid.Insert(valid.Length - 1, $",\"seq\":{template.Sequence}"),
        RejectReason.UnsupportedSchemaVersion => With(valid, o => o["schemaVersion"] = 99),
        RejectReason.InvalidDeviceId => With(valid, o => o["deviceId"] = template.DeviceId + "#poison"),
        RejectReason.InvalidDeviceType => With(valid, o => o["deviceType"] = ""),
        RejectReason.InvalidSite => With(valid, o => o["site"] = "   "),
        RejectReason.InvalidTimestamp => With(valid, o => o["timestamp"] = "yesterday at noon"),
        RejectReason.FutureTimestamp => With(valid, o => o["timestamp"] = ReadingCodec.FormatTimestamp(future)),
        RejectReason.InvalidSequence => With(valid, o => o["seq"] = 0),
        RejectReason.InvalidBoot => With(valid, o => o["boot"] = -1),
        RejectReason.EmptyMetrics => With(valid, o => o["metrics"] = new JsonObject()),
        RejectReason.TooManyMetrics => With(valid, o => o["metrics"] = ManyMetrics(ReadingSchema.MaxMetrics + 1)),
        RejectReason.InvalidMetricName => With(valid, o => o["metrics"]!.AsObject()["bad metric!"] = 1.0),
        // Written as a string: JSON has no NaN literal, and the decoder rejects the string form as non-finite.
        RejectReason.NonFiniteNumber => With(valid, o => o["metrics"]!.AsObject()["poison"] = "NaN"),
        RejectReason.MetricOutOfRange => With(valid, o => o["metrics"]!.AsObject()["poison"] = 1e300),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a reject reason."),
    };

    private static string With(string valid, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(valid)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private static JsonObject ManyMetrics(int count)
    {
        var metrics = new JsonObject();
        for (var i = 0; i < count; i++)
        {
            metrics[$"m{i}"] = i + 1.0;
        }

        return metrics;
    }
}
