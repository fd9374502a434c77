using System.Text.Json;
using System.Text.Json.Serialization;
using Telemetry.Producer.Anomalies;

namespace Telemetry.Producer.Ledger;

/// <summary>
/// A planned anomaly as the ledger records it, for a checker to compare with the alert events of the run: what the
/// device was made to do, when in device time, and which events it should cause, each exactly once.
/// </summary>
/// <param name="RuleId">The rule pushed over its threshold; null for a silence.</param>
/// <param name="Metric">The rule's metric; null for a silence.</param>
/// <param name="SilenceAfter">The type's silence threshold, for a silence; else null.</param>
/// <param name="StartsAt">The first anomalous reading (for a silence, the first reading not sent).</param>
/// <param name="EndsAt">The reading expected to end the episode: the first past the clear level, or the first after the silence.</param>
/// <param name="Expected">The alert events expected for this device and rule, in order; none other.</param>
public sealed record LedgerAnomaly(
    string DeviceId,
    string DeviceType,
    [property: JsonConverter(typeof(AnomalyKindJsonConverter))] AnomalyKind Kind,
    string? RuleId,
    string? Metric,
    [property: JsonConverter(typeof(NullableDurationJsonConverter))] TimeSpan? SilenceAfter,
    [property: JsonConverter(typeof(UtcTimestampJsonConverter))] DateTimeOffset StartsAt,
    [property: JsonConverter(typeof(UtcTimestampJsonConverter))] DateTimeOffset EndsAt,
    IReadOnlyList<LedgerExpectedEvent> Expected)
{
    /// <summary>Puts <paramref name="anomaly"/> in device time, its schedule starting at <paramref name="start"/>.</summary>
    public static LedgerAnomaly From(PlannedAnomaly anomaly, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        return new LedgerAnomaly(
            anomaly.Device.DeviceId,
            anomaly.Device.DeviceType,
            anomaly.Kind,
            anomaly.Rule?.Id,
            anomaly.Rule?.Metric,
            anomaly.SilenceAfter,
            start + anomaly.StartsAt,
            start + anomaly.EndsAt,
            anomaly.Expected.Select(e => new LedgerExpectedEvent(e.DetailType, start + e.At)).ToList());
    }
}

/// <summary>An alert event a planned anomaly should cause.</summary>
/// <param name="DetailType">AlertRaised, AlertCleared, DeviceSilent or DeviceResumed (docs/alert-events.md).</param>
/// <param name="At">
/// Device time of the reading the event is about: <c>raisedAt</c>, <c>endedAt</c>, <c>lastSeenAt</c> or the first
/// reading after the silence.
/// </param>
public sealed record LedgerExpectedEvent(
    string DetailType,
    [property: JsonConverter(typeof(UtcTimestampJsonConverter))] DateTimeOffset At);

/// <summary><see cref="AnomalyKind"/> in camelCase: <c>excursion</c>, <c>flapping</c>, <c>silence</c>.</summary>
public sealed class AnomalyKindJsonConverter() : JsonStringEnumConverter<AnomalyKind>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
