using System.Diagnostics.CodeAnalysis;

namespace Telemetry.Processing;

/// <summary>Durations, short codes and window alignment of <see cref="Resolution"/>.</summary>
public static class ResolutionExtensions
{
    private const string MinuteCode = "1m";
    private const string HourCode = "1h";

    /// <summary>The window width.</summary>
    public static TimeSpan Duration(this Resolution r) => r switch
    {
        Resolution.Minute => TimeSpan.FromMinutes(1),
        Resolution.Hour => TimeSpan.FromHours(1),
        _ => throw Unknown(r),
    };

    /// <summary>The short code used in keys and on the command line: <c>1m</c> or <c>1h</c>.</summary>
    public static string Code(this Resolution r) => r switch
    {
        Resolution.Minute => MinuteCode,
        Resolution.Hour => HourCode,
        _ => throw Unknown(r),
    };

    /// <summary>Parses a short code (exact, case-sensitive: <c>1m</c> or <c>1h</c>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? code, out Resolution r)
    {
        switch (code)
        {
            case MinuteCode:
                r = Resolution.Minute;
                return true;
            case HourCode:
                r = Resolution.Hour;
                return true;
            default:
                r = default;
                return false;
        }
    }

    /// <summary>
    /// Start of the tumbling window holding <paramref name="timestamp"/>: the UTC instant floored to a multiple of
    /// <see cref="Duration"/> since 0001-01-01, returned with offset zero. A window is [start, start + duration).
    /// </summary>
    public static DateTimeOffset WindowStart(this Resolution r, DateTimeOffset timestamp)
    {
        var width = r.Duration().Ticks;
        var ticks = timestamp.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % width), TimeSpan.Zero);
    }

    private static ArgumentOutOfRangeException Unknown(Resolution r) =>
        new(nameof(r), r, "Unknown resolution.");
}
