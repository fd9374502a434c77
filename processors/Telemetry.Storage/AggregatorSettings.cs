using System.Text.RegularExpressions;
using Telemetry.Aws;
using Telemetry.Contracts;
using Telemetry.Processing;

namespace Telemetry.Storage;

/// <summary>Configuration of the aggregator, read once at start from the environment.</summary>
/// <param name="TableName">The rollup table (also holds the rejected records).</param>
/// <param name="AllowedLateness">How far behind processing time a device timestamp may be and still be aggregated.</param>
public sealed partial record AggregatorSettings(string TableName, TimeSpan AllowedLateness)
{
    public const string TableVariable = PipelineNames.TableVariable;
    public const string AllowedLatenessVariable = "TELEMETRY_ALLOWED_LATENESS";
    public const string MinuteRollupTtlVariable = "TELEMETRY_MINUTE_ROLLUP_TTL";
    public const string RejectedTtlVariable = "TELEMETRY_REJECTED_TTL";
    public const string DefaultTableName = PipelineNames.DefaultTable;

    private const string DurationExamples = "use for example 30d, 12h, 90m or 1.00:00:00, or 0/off to disable";

    public static TimeSpan DefaultAllowedLateness => AggregationOptions.Default.AllowedLateness;

    public static TimeSpan DefaultMinuteRollupTtl { get; } = TimeSpan.FromDays(30);

    public static TimeSpan DefaultRejectedTtl { get; } = TimeSpan.FromDays(14);

    // Longer is "forever" in all but name; the cap keeps window end + TTL far from DateTimeOffset's range.
    private static TimeSpan MaxTtl { get; } = TimeSpan.FromDays(3650);

    /// <summary>How long a 1-minute rollup is kept after its window ends (its <c>expiresAt</c>); null: kept forever.</summary>
    public TimeSpan? MinuteRollupTtl { get; init; } = DefaultMinuteRollupTtl;

    /// <summary>How long a rejected record is kept after it was rejected (its <c>expiresAt</c>); null: kept forever.</summary>
    public TimeSpan? RejectedTtl { get; init; } = DefaultRejectedTtl;

    /// <summary>
    /// How much earlier a minute window can end than the coarsest window lateness is measured from, plus the longest
    /// flush interval (Lambda's 900 s tumbling window): a reading accepted just inside the lateness is written up to
    /// one interval later.
    /// </summary>
    public static TimeSpan MinuteWindowLead { get; } =
        AggregationOptions.Default.Coarsest.Duration() - Resolution.Minute.Duration() + TimeSpan.FromMinutes(15);

    /// <summary>Reads the settings through <paramref name="read"/> (normally <see cref="Environment.GetEnvironmentVariable(string)"/>); unset means the default.</summary>
    /// <exception cref="InvalidOperationException">A variable is set to a value that cannot be used.</exception>
    public static AggregatorSettings FromEnvironment(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);

        var table = ReadTableName(read);

        var lateness = DefaultAllowedLateness;
        var latenessText = read(AllowedLatenessVariable);
        if (!string.IsNullOrWhiteSpace(latenessText)
            && (!Durations.TryParse(latenessText, out lateness) || lateness < TimeSpan.Zero))
        {
            throw new InvalidOperationException(
                $"{AllowedLatenessVariable}='{latenessText}' is not a non-negative duration; use for example {Durations.Examples}.");
        }

        var minuteTtl = ReadTtl(read, MinuteRollupTtlVariable, DefaultMinuteRollupTtl);

        // A minute window expires TTL after its end, but lateness is judged from the end of the coarsest window
        // holding the reading, which can end up to (coarsest - 1 minute) later. A TTL shorter than that reach
        // would let a late reading recreate a deleted minute window holding only part of its readings.
        var reach = lateness + MinuteWindowLead;
        if (minuteTtl < reach)
        {
            throw new InvalidOperationException(
                $"{MinuteRollupTtlVariable}={Durations.Format(minuteTtl.Value)} is shorter than {AllowedLatenessVariable}={Durations.Format(lateness)} plus {Durations.Format(MinuteWindowLead)} " +
                "(lateness counts from the end of the hour window, and a flush interval may pass before the write): a late reading would recreate an expired minute window with " +
                "part of its readings. Raise the TTL, lower the lateness, or disable the TTL (0/off).");
        }

        return new AggregatorSettings(table, lateness)
        {
            MinuteRollupTtl = minuteTtl,
            RejectedTtl = ReadTtl(read, RejectedTtlVariable, DefaultRejectedTtl),
        };
    }

    /// <summary>The table named by <see cref="TableVariable"/>, or the default; shared by every function of the table.</summary>
    internal static string ReadTableName(Func<string, string?> read)
    {
        var table = read(TableVariable);
        if (string.IsNullOrWhiteSpace(table))
        {
            return DefaultTableName;
        }

        return TableNamePattern().IsMatch(table)
            ? table
            : throw new InvalidOperationException(
                $"{TableVariable}='{table}' is not a DynamoDB table name (3-255 characters of a-z, A-Z, 0-9, '_', '-', '.').");
    }

    // Unset: the default; "off", "0" (a word here, as a bare number is no duration) or a zero duration: no TTL.
    internal static TimeSpan? ReadTtl(Func<string, string?> read, string variable, TimeSpan fallback)
    {
        var text = read(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (text.Trim() is "0" || text.Trim().Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!Durations.TryParse(text, out var ttl) || ttl < TimeSpan.Zero || ttl > MaxTtl)
        {
            throw new InvalidOperationException($"{variable}='{text}' is not a duration between 0 and {MaxTtl.TotalDays:0} days; {DurationExamples}.");
        }

        return ttl == TimeSpan.Zero ? null : ttl;
    }

    [GeneratedRegex("^[a-zA-Z0-9_.-]{3,255}$")]
    private static partial Regex TableNamePattern();
}
