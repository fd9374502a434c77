using System.Text.RegularExpressions;
using Telemetry.Functions.Configuration;

namespace Telemetry.Functions;

/// <summary>Configuration of the aggregator, read once at start from the environment.</summary>
/// <param name="TableName">The rollup table (also holds the rejected records).</param>
/// <param name="AllowedLateness">How far behind processing time a device timestamp may be and still be aggregated.</param>
public sealed partial record AggregatorSettings(string TableName, TimeSpan AllowedLateness)
{
    // Same variable and default as Telemetry.Aws.PipelineNames, which this deployable does not reference.
    public const string TableVariable = "TELEMETRY_TABLE";
    public const string AllowedLatenessVariable = "TELEMETRY_ALLOWED_LATENESS";
    public const string DefaultTableName = "telemetry-rollups";

    public static TimeSpan DefaultAllowedLateness { get; } = TimeSpan.FromHours(24);

    /// <summary>Reads the settings through <paramref name="read"/> (normally <see cref="Environment.GetEnvironmentVariable(string)"/>); unset means the default.</summary>
    /// <exception cref="InvalidOperationException">A variable is set to a value that cannot be used.</exception>
    public static AggregatorSettings FromEnvironment(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);

        var table = read(TableVariable);
        if (string.IsNullOrWhiteSpace(table))
        {
            table = DefaultTableName;
        }
        else if (!TableNamePattern().IsMatch(table))
        {
            throw new InvalidOperationException(
                $"{TableVariable}='{table}' is not a DynamoDB table name (3-255 characters of a-z, A-Z, 0-9, '_', '-', '.').");
        }

        var lateness = DefaultAllowedLateness;
        var latenessText = read(AllowedLatenessVariable);
        if (!string.IsNullOrWhiteSpace(latenessText)
            && (!DurationText.TryParse(latenessText, out lateness) || lateness < TimeSpan.Zero))
        {
            throw new InvalidOperationException(
                $"{AllowedLatenessVariable}='{latenessText}' is not a non-negative duration; use for example 24h, 90m, 45s or 1.00:00:00.");
        }

        return new AggregatorSettings(table, lateness);
    }

    [GeneratedRegex("^[a-zA-Z0-9_.-]{3,255}$")]
    private static partial Regex TableNamePattern();
}
