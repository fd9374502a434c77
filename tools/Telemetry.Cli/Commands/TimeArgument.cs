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

    /// <summary>The error for the first given flag that is not a time, naming it; null when all given ones are times.</summary>
    public static string? Problem(params (string Flag, string? Text)[] flags) =>
        flags
            .Where(f => f.Text is not null && !TryParse(f.Text, DateTimeOffset.UnixEpoch, out _))
            .Select(f => $"{f.Flag} '{f.Text}' is neither an ISO-8601 time (2026-11-26T04:00:00Z) nor a duration ago (15m).")
            .FirstOrDefault();

    /// <summary>A value <see cref="Problem"/> accepted, as an instant given the time now.</summary>
    public static DateTimeOffset Parse(string text, DateTimeOffset now)
    {
        TryParse(text, now, out var value);
        return value;
    }
}
