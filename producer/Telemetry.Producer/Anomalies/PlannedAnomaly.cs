using Telemetry.Processing.Alerts;
using Telemetry.Producer.Devices;

namespace Telemetry.Producer.Anomalies;

/// <summary>An alert event the anomaly is expected to cause, at a device time given as an offset from the schedule's start.</summary>
/// <param name="DetailType">One of <see cref="Telemetry.Contracts.Alerts.AlertEventTypes"/>.</param>
/// <param name="At">
/// The reading the event is about: the one meeting the rule's condition (raised), the first past the clear level
/// (cleared), the last before the silence (silent), the first after it (resumed).
/// </param>
public sealed record PlannedTransition(string DetailType, TimeSpan At);

/// <summary>
/// One device's anomaly: which rule (or its type's silence threshold), from which of its readings, and the phases
/// its readings go through. Offsets are from the schedule's start.
/// </summary>
/// <param name="FirstReading">The device's reading (0-based, in schedule order) the anomaly begins with.</param>
/// <param name="StartsAt">Device time of that reading (for a silence, the first reading not sent).</param>
/// <param name="EndsAt">Device time of the reading expected to end the episode: the first past the clear level, or the first after the silence.</param>
public sealed record PlannedAnomaly(
    AnomalyKind Kind,
    DeviceProfile Device,
    AlertRule? Rule,
    TimeSpan? SilenceAfter,
    long FirstReading,
    IReadOnlyList<AnomalySegment> Segments,
    TimeSpan StartsAt,
    TimeSpan EndsAt,
    IReadOnlyList<PlannedTransition> Expected)
{
    /// <summary>Readings the anomaly covers, silent ones included.</summary>
    public int Length => Segments.Sum(s => s.Readings);

    /// <summary>The phase of the device's reading <paramref name="deviceReading"/>, or null outside the anomaly.</summary>
    public AnomalyPhase? PhaseOf(long deviceReading)
    {
        var position = deviceReading - FirstReading;
        if (position < 0)
        {
            return null;
        }

        foreach (var segment in Segments)
        {
            if (position < segment.Readings)
            {
                return segment.Phase;
            }

            position -= segment.Readings;
        }

        return null;
    }
}
