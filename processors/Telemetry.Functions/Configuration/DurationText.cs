using System.Globalization;

namespace Telemetry.Functions.Configuration;

// Durations in configuration: "90s", "30m", "24h", "2d", or a .NET TimeSpan such as "1.00:00:00".
internal static class DurationText
{
    private const double MaxAmount = 1e6;

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        // Bounded so that TimeSpan.FromDays and friends cannot overflow: "1e300d" is a bad value, not a crash.
        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
            && double.IsFinite(amount) && Math.Abs(amount) < MaxAmount)
        {
            TimeSpan? parsed = char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (parsed is { } value)
            {
                duration = value;
                return true;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
    }
}
