using System.Globalization;

namespace Telemetry.Storage.Alerts;

/// <summary>
/// The episode history's keys in the telemetry table (docs/alerter.md): <c>pk = EPISODES#&lt;yyyy-MM-dd&gt;</c> of the
/// episode's start, <c>sk = &lt;startedAt&gt;#&lt;episodeId&gt;</c>, so a day's episodes are one partition in start order.
/// </summary>
public static class AlertEpisodeTable
{
    private const string Prefix = "EPISODES#";
    private const string StartFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string DayPartition(DateOnly day) => Prefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string SortKey(DateTimeOffset startedAt, string episodeId) =>
        startedAt.UtcDateTime.ToString(StartFormat, CultureInfo.InvariantCulture) + "#" + episodeId;

    public static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);
}
