using Telemetry.Contracts.Archive;
using Telemetry.Local.Archive;

namespace Telemetry.Local.Tests.Archive;

public sealed class ArchivedObjectTests
{
    private static readonly DateTimeOffset Oldest = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    // Its records arrived from 10:00:00 (the name) until it was stored, listed as 10:01:00 (S3's whole second).
    private static readonly ArchivedObject Object = new(
        "raw/o", new ArchiveObjectName("raw/", "telemetry-archive", 1, Oldest, Guid.Empty, ".ndjson.gz"), 10, Oldest.AddMinutes(1), null);

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("09:00:00", "09:59:59", false)]
    [InlineData("09:00:00", "10:00:00", true)]
    [InlineData("10:00:30", "10:00:40", true)]
    [InlineData("10:01:00", null, true)]
    [InlineData("10:01:00.5", null, true)] // stored at 10:01:00.x, listed as 10:01:00
    [InlineData("10:01:01", null, false)]
    [InlineData(null, "09:59:59.999", false)]
    public void MayHoldArrivals_Range_MeetsTheSpanFromOldestArrivalToStorage(string? from, string? to, bool expected) =>
        Assert.Equal(expected, Object.MayHoldArrivals(At(from), At(to)));

    private static DateTimeOffset? At(string? time) =>
        time is null ? null : new DateTimeOffset(DateOnly.FromDateTime(Oldest.UtcDateTime), TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
}
