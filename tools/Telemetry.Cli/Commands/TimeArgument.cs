using System.Globalization;
using Telemetry.Contracts;

namespace Telemetry.Cli.Commands;

/// <summary>Parses --from/--to: an ISO-8601 instant (UTC unless an offset is given) or a duration ago such as <c>15m</c>.</summary>
public static class TimeArgument
{
    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (Durations.TryParse(text.TrimStart('-'), out var ago) && !text.Contains('T', StringComparison.Ordinal))
        {
            value = now - ago;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}
