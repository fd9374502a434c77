using System.Globalization;
using Telemetry.Processing;
using Telemetry.Processing.Batches;

namespace Telemetry.Functions.Tests.Support;

// Value-comparable renderings: records holding dictionaries compare by reference.
public static class RollupDescriptions
{
    public static string Describe(IReadOnlyDictionary<WindowKey, RollupState> windows) => string.Join(
        '\n',
        windows
            .OrderBy(w => w.Key.DeviceId, StringComparer.Ordinal).ThenBy(w => w.Key.Resolution).ThenBy(w => w.Key.Start)
            .Select(w => string.Create(
                CultureInfo.InvariantCulture,
                $"{w.Key.DeviceId} {w.Key.Resolution} {w.Key.Start:O} {w.Value.DeviceType} {w.Value.Site} n={w.Value.ReadingCount} " +
                $"{string.Join(' ', w.Value.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}"))} " +
                $"ids {string.Join(' ', w.Value.Absorbed.ByBoot.Select(b => $"{b.Key}:{b.Value}"))}")));
}
