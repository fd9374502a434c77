using Telemetry.Processing;
using Telemetry.Storage.Rollups;

namespace Telemetry.Storage.Tests.Rollups;

public class RollupTableTests
{
    [Fact]
    public void Keys_DeviceAndWindow_FollowTheDocumentedFormat()
    {
        var start = new DateTimeOffset(2025, 3, 1, 9, 7, 0, TimeSpan.FromHours(-2));

        Assert.Equal("D#dev-1#1m", RollupTable.DevicePartition("dev-1", Resolution.Minute));
        Assert.Equal("D#dev-1#1h", RollupTable.DevicePartition("dev-1", Resolution.Hour));
        Assert.Equal("2025-03-01T11:07:00Z", RollupTable.WindowSortKey(start));
    }
}
