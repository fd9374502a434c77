using Telemetry.Contracts;

namespace Telemetry.Processing.Batches;

// Tracks what a window would hold as readings are offered to it one by one, and says for each whether it is
// new, already absorbed, or past a limit. Used for the whole batch before writing and again when a write is redone.
internal sealed class WindowAdmission
{
    private readonly WindowKey _key;
    private readonly WindowLimits _limits;
    private readonly HashSet<string> _metrics;

    public WindowAdmission(WindowKey key, RollupState? stored, WindowLimits limits)
    {
        _key = key;
        _limits = limits;
        _metrics = stored is null ? new(StringComparer.Ordinal) : new(stored.Metrics.Keys, StringComparer.Ordinal);
        Absorbed = stored is null ? new AbsorbedReadings() : new AbsorbedReadings(stored.Absorbed);
    }

    public AbsorbedReadings Absorbed { get; }

    public Admission Check(Reading reading)
    {
        if (Absorbed.Contains(reading.Boot, reading.Sequence))
        {
            return Admission.Duplicate;
        }

        var newMetrics = reading.Metrics.Keys.Count(name => !_metrics.Contains(name));
        if (_metrics.Count + newMetrics > _limits.MaxMetrics)
        {
            return Admission.Refuse(
                WindowLimits.MetricLimitReason,
                $"window {_key} holds {_metrics.Count} metric names; this reading's {newMetrics} new ones would pass the limit of {_limits.MaxMetrics}");
        }

        var length = Absorbed.StoredLengthWith(reading.Boot, reading.Sequence);
        return length > _limits.MaxAbsorbedLength
            ? Admission.Refuse(
                WindowLimits.IdentityLimitReason,
                $"window {_key} would record its readings in {length} characters, past the limit of {_limits.MaxAbsorbedLength} (too many gaps in the sequence numbers)")
            : Admission.New;
    }

    public void Admit(Reading reading)
    {
        Absorbed.Add(reading.Boot, reading.Sequence);
        _metrics.UnionWith(reading.Metrics.Keys);
    }
}

internal sealed record Admission(bool IsNew, string? Reason, string? Message)
{
    public static Admission New { get; } = new(true, null, null);

    public static Admission Duplicate { get; } = new(false, null, null);

    public bool IsRefused => Reason is not null;

    public static Admission Refuse(string reason, string message) => new(false, reason, message);
}
