using Telemetry.Storage.Rejected;

namespace Telemetry.Storage.Tests.Rejected;

public class RejectedKeysTests
{
    [Fact]
    public void Keys_DayAndRecord_FollowTheDocumentedFormat()
    {
        Assert.Equal("REJECTED#2025-03-01", RejectedKeys.Partition(new DateOnly(2025, 3, 1)));
        Assert.Equal("shardId-000000000001#49590338271490256608559692538361571095921575989136588898", RejectedKeys.SortKey("shardId-000000000001", "49590338271490256608559692538361571095921575989136588898"));
    }
}
