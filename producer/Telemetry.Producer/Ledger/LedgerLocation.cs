using System.Globalization;

namespace Telemetry.Producer.Ledger;

/// <summary>Where a run's ledger goes when <c>--ledger</c> does not say. Pure but for the existence check passed in.</summary>
public static class LedgerLocation
{
    /// <summary>The folder of ledgers of runs against AWS, under the current directory.</summary>
    public const string AwsFolder = "telemetry-ledgers";

    /// <summary>The folder of ledgers inside the local stack's data folder.</summary>
    public const string LocalFolder = "ledgers";

    /// <summary>
    /// <c>&lt;local data folder&gt;/ledgers/&lt;stream&gt;-&lt;start&gt;.json</c> against the local stack, else
    /// <c>&lt;current directory&gt;/telemetry-ledgers/&lt;stream&gt;-&lt;start&gt;.json</c>; start as
    /// <c>yyyyMMddTHHmmssZ</c>. Two runs starting in the same second get <c>-2</c>, <c>-3</c>… rather than one
    /// overwriting the other.
    /// </summary>
    public static string Default(string? localDataDirectory, string currentDirectory, string streamName, DateTimeOffset startedAt, Func<string, bool> exists)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currentDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        ArgumentNullException.ThrowIfNull(exists);
        var folder = localDataDirectory is null ? Path.Combine(currentDirectory, AwsFolder) : Path.Combine(localDataDirectory, LocalFolder);
        var name = $"{streamName}-{startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        var path = Path.Combine(folder, name + ".json");
        for (var n = 2; exists(path); n++)
        {
            path = Path.Combine(folder, $"{name}-{n.ToString(CultureInfo.InvariantCulture)}.json");
        }

        return path;
    }
}
