using Telemetry.Contracts.Archive;

namespace Telemetry.Contracts.Tests.Archive;

public sealed class ArchiveObjectNameTests
{
    private static readonly Guid Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Fact]
    public void Key_FirehoseForm_StreamVersionTimeAndUuid()
    {
        var name = new ArchiveObjectName("raw/year=2026/month=12/day=01/hour=10/", "telemetry-archive", 1, new DateTimeOffset(2026, 12, 1, 10, 59, 7, TimeSpan.Zero), Id, ".ndjson.gz");

        Assert.Equal("raw/year=2026/month=12/day=01/hour=10/telemetry-archive-1-2026-12-01-10-59-07-0f8fad5b-d9cb-469f-a165-70867728950e.ndjson.gz", name.Key);
    }

    [Theory]
    [InlineData("raw/year=2026/month=12/day=01/hour=10/telemetry-archive-1-2026-12-01-10-59-07-0f8fad5b-d9cb-469f-a165-70867728950e.ndjson.gz")]
    [InlineData("telemetry-dev-archive-3-2026-12-01-10-59-07-0f8fad5b-d9cb-469f-a165-70867728950e.parquet")]
    [InlineData("a/b/telemetry-archive-1-2026-12-01-10-59-07-0f8fad5b-d9cb-469f-a165-70867728950e")]
    public void TryParse_KeyItWrote_GivesTheSameKeyBack(string key)
    {
        Assert.True(ArchiveObjectName.TryParse(key, out var name));

        Assert.Equal(key, name.Key);
    }

    [Fact]
    public void TryParse_FirehoseKey_ReadsEachPart()
    {
        Assert.True(ArchiveObjectName.TryParse("raw/h=1/telemetry-dev-archive-3-2026-12-01-10-59-07-0f8fad5b-d9cb-469f-a165-70867728950e.ndjson.gz", out var name));

        Assert.Equal(("raw/h=1/", "telemetry-dev-archive", 3), (name.Prefix, name.DeliveryStream, name.Version));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 59, 7, TimeSpan.Zero), name.OldestArrival);
        Assert.Equal(".ndjson.gz", name.Extension);
    }

    [Theory]
    [InlineData("")]
    [InlineData("athena-results/1234.csv")]
    [InlineData("raw/telemetry-archive-1-2026-13-01-10-59-07-0f8fad5b-d9cb-469f-a165-70867728950e.gz")]
    [InlineData("raw/telemetry-archive-x-2026-12-01-10-59-07-0f8fad5b-d9cb-469f-a165-70867728950e.gz")]
    public void TryParse_OtherKeys_False(string key)
    {
        Assert.False(ArchiveObjectName.TryParse(key, out _));
    }
}
