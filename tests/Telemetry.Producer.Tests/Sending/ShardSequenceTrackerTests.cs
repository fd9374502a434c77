using Telemetry.Producer.Sending;

namespace Telemetry.Producer.Tests.Sending;

public class ShardSequenceTrackerTests
{
    [Fact]
    public void Observe_TenAfterNine_TenIsHighestThoughItSortsFirstAsText()
    {
        var tracker = new ShardSequenceTracker();

        tracker.Observe("shard-0", "9");
        var raised = tracker.Observe("shard-0", "10");

        Assert.True(raised);
        Assert.Equal("10", tracker.Snapshot()["shard-0"]);
    }

    [Fact]
    public void Observe_LowerAfterHigher_KeepsHigher()
    {
        var tracker = new ShardSequenceTracker();

        tracker.Observe("shard-0", "49600000000000000000000000000000000000000000000100");
        var raised = tracker.Observe("shard-0", "9600000000000000000000000000000000000000000000999");

        Assert.False(raised);
        Assert.Equal("49600000000000000000000000000000000000000000000100", tracker.Snapshot()["shard-0"]);
    }

    [Fact]
    public void Observe_BeyondSixtyFourBits_ComparedExactly()
    {
        var tracker = new ShardSequenceTracker();

        tracker.Observe("shard-0", "49680572907459421739854440182297961742713511962109542402");
        tracker.Observe("shard-0", "49680572907459421739854440182297961742713511962109542403");
        tracker.Observe("shard-0", "49680572907459421739854440182297961742713511962109542401");

        Assert.Equal("49680572907459421739854440182297961742713511962109542403", tracker.Snapshot()["shard-0"]);
    }

    [Fact]
    public void Observe_SeveralShards_TrackedSeparately()
    {
        var tracker = new ShardSequenceTracker();

        tracker.Observe("shard-0", "5");
        tracker.Observe("shard-1", "3");
        tracker.Observe("shard-0", "4");

        Assert.Equal(new Dictionary<string, string> { ["shard-0"] = "5", ["shard-1"] = "3" }, tracker.Snapshot());
    }
}
