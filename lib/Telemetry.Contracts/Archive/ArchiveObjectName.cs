using System.Globalization;
using System.Text.RegularExpressions;

namespace Telemetry.Contracts.Archive;

/// <summary>
/// The key of an archive object in Firehose's form:
/// <c>&lt;prefix&gt;&lt;delivery-stream&gt;-&lt;version&gt;-yyyy-MM-dd-HH-mm-ss-&lt;uuid&gt;&lt;extension&gt;</c>, the time being
/// the approximate arrival time of the object's oldest record (UTC), as in its prefix.
/// </summary>
public sealed partial record ArchiveObjectName(string Prefix, string DeliveryStream, int Version, DateTimeOffset OldestArrival, Guid Id, string Extension)
{
    private const string TimeFormat = "yyyy-MM-dd-HH-mm-ss";

    public string Key =>
        $"{Prefix}{DeliveryStream}-{Version.ToString(CultureInfo.InvariantCulture)}-{OldestArrival.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}-{Id:D}{Extension}";

    /// <summary>Reads a key written by Firehose or the local delivery stream; false for anything else in the bucket.</summary>
    public static bool TryParse(string key, out ArchiveObjectName name)
    {
        name = null!;
        var match = KeyPattern().Match(key ?? "");
        if (!match.Success
            || !int.TryParse(match.Groups["version"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !DateTime.TryParseExact(match.Groups["time"].Value, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            || !Guid.TryParseExact(match.Groups["id"].Value, "D", out var id))
        {
            return false;
        }

        name = new ArchiveObjectName(
            match.Groups["prefix"].Value,
            match.Groups["stream"].Value,
            version,
            new DateTimeOffset(time, TimeSpan.Zero),
            id,
            match.Groups["extension"].Value);
        return true;
    }

    [GeneratedRegex(@"^(?<prefix>(?:.*/)?)(?<stream>[A-Za-z0-9_.-]+?)-(?<version>[0-9]+)-(?<time>[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{2})-(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?<extension>(?:\.[A-Za-z0-9]+)*)$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
