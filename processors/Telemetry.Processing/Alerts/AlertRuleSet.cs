using Telemetry.Contracts;

namespace Telemetry.Processing.Alerts;

/// <summary>
/// The rules of config/alert-rules.json and the silence threshold of each device type: how long a device of that
/// type may go without a reading before the watchdog calls it silent.
/// </summary>
public sealed class AlertRuleSet
{
    private readonly Dictionary<string, List<AlertRule>> byDeviceType;

    public AlertRuleSet(IReadOnlyList<AlertRule> rules, IReadOnlyDictionary<string, TimeSpan> silenceAfter)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(silenceAfter);
        Rules = rules;
        SilenceAfter = silenceAfter;
        byDeviceType = rules.GroupBy(r => r.DeviceType, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    public IReadOnlyList<AlertRule> Rules { get; }

    /// <summary>Device type to silence threshold; a type not listed is never called silent.</summary>
    public IReadOnlyDictionary<string, TimeSpan> SilenceAfter { get; }

    /// <summary>The rules that watch <paramref name="reading"/>.</summary>
    public IEnumerable<AlertRule> Watching(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return byDeviceType.TryGetValue(reading.DeviceType, out var rules) ? rules.Where(r => r.Watches(reading)) : [];
    }
}
