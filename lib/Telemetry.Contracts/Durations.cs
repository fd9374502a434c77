using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Telemetry.Contracts;

/// <summary>
/// The one duration syntax of every flag and environment variable (docs/durations-and-exit-codes.md): a number
/// with a unit, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c> (case-insensitive, optional fraction:
/// <c>500ms</c>, <c>30s</c>, <c>1.5h</c>, <c>2d</c>), or a clock <c>[d.]hh:mm:ss[.fffffff]</c> (<c>00:01:30</c>,
/// <c>1.00:00:00</c>); an optional leading <c>-</c>; surrounding white space ignored; at most <see cref="Max"/>
/// either way. A bare number is refused: "5" could mean seconds, minutes or days.
/// infra/durations.ts mirrors these rules, so that the Pulumi preview refuses what the functions would.
/// </summary>
public static partial class Durations
{
    /// <summary>The largest duration accepted: 36500 days (100 years), so that no caller's arithmetic overflows.</summary>
    public static TimeSpan Max { get; } = TimeSpan.FromDays(36_500);

    /// <summary>Examples for error messages.</summary>
    public const string Examples = "500ms, 30s, 5m, 1.5h, 2d or 1.00:00:00";

    private static readonly char[] Blanks = [' ', '\t', '\r', '\n'];

    /// <summary>Parses <paramref name="text"/>; false for anything outside the syntax or beyond <see cref="Max"/>. Never throws.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var match = text is null ? Match.Empty : Syntax().Match(text.Trim(Blanks));
        if (!match.Success)
        {
            return false;
        }

        var ticks = match.Groups["unit"].Success ? UnitTicks(match) : ClockTicks(match);
        if (ticks is not { } magnitude || magnitude > Max.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)(match.Groups["sign"].Success ? -magnitude : magnitude));
        return true;
    }

    /// <summary>
    /// <paramref name="duration"/> in the same syntax, for messages: the largest unit that holds it whole
    /// (<c>90m</c>, <c>2d</c>; milliseconds only under a minute), else the clock form. Within <see cref="Max"/>, <see cref="TryParse"/> reads it back exactly.
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        // Unsigned, so that TimeSpan.MinValue has a magnitude too.
        var magnitude = duration.Ticks < 0 ? (ulong)-(duration.Ticks + 1) + 1 : (ulong)duration.Ticks;
        var sign = duration.Ticks < 0 ? "-" : "";
        if (magnitude == 0)
        {
            return "0s";
        }

        foreach (var (unit, ticks) in Units)
        {
            // Milliseconds only under a minute: 90061500ms says less than 1.01:01:01.5.
            if (magnitude % ticks == 0 && (unit != "ms" || magnitude < TimeSpan.TicksPerMinute))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude / ticks}{unit}");
            }
        }

        var days = magnitude / TimeSpan.TicksPerDay;
        var clock = new TimeSpan((long)(magnitude % TimeSpan.TicksPerDay));
        var fraction = clock.Ticks % TimeSpan.TicksPerSecond;
        return string.Create(CultureInfo.InvariantCulture,
            $"{sign}{(days > 0 ? $"{days}." : "")}{clock.Hours:00}:{clock.Minutes:00}:{clock.Seconds:00}{(fraction > 0 ? "." + fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0') : "")}");
    }

    // Largest first, for Format.
    private static readonly (string Unit, ulong Ticks)[] Units =
    [
        ("d", TimeSpan.TicksPerDay), ("h", TimeSpan.TicksPerHour), ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond), ("ms", TimeSpan.TicksPerMillisecond),
    ];

    // Digits of any length are read exactly (BigInteger), so "1e300d" or a 40-digit amount is refused, not overflowed.
    private static BigInteger? UnitTicks(Match match)
    {
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        var perUnit = Units.Single(u => u.Unit == unit).Ticks;
        var fraction = match.Groups["fraction"].Value;
        var scaled = BigInteger.Parse(match.Groups["whole"].Value + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        // Finer than a tick (100 ns) is dropped, as TimeSpan cannot hold it.
        return scaled * perUnit / BigInteger.Pow(10, fraction.Length);
    }

    private static BigInteger? ClockTicks(Match match)
    {
        int Part(string name) => int.Parse(match.Groups[name].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        var (hours, minutes, seconds) = (Part("hours"), Part("minutes"), Part("seconds"));
        if (hours > 23 || minutes > 59 || seconds > 59)
        {
            return null;
        }

        var days = match.Groups["days"].Success
            ? BigInteger.Parse(match.Groups["days"].Value, NumberStyles.None, CultureInfo.InvariantCulture)
            : BigInteger.Zero;
        var fraction = match.Groups["ticks"].Success ? int.Parse(match.Groups["ticks"].Value.PadRight(7, '0'), NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        return (days * TimeSpan.TicksPerDay) + (hours * TimeSpan.TicksPerHour) + (minutes * TimeSpan.TicksPerMinute)
            + (seconds * TimeSpan.TicksPerSecond) + fraction;
    }

    // Letters spelt out rather than IgnoreCase, which would also take Unicode case variants; \z, as $ allows a final \n.
    [GeneratedRegex(
        @"^(?<sign>-)?(?:(?<whole>[0-9]+)(?:\.(?<fraction>[0-9]+))?(?<unit>[mM][sS]|[sSmMhHdD])|(?:(?<days>[0-9]+)\.)?(?<hours>[0-9]{1,2}):(?<minutes>[0-9]{2}):(?<seconds>[0-9]{2})(?:\.(?<ticks>[0-9]{1,7}))?)\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
