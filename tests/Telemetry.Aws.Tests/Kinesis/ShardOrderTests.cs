using Telemetry.Aws.Kinesis;

namespace Telemetry.Aws.Tests.Kinesis;

public sealed class ShardOrderTests
{
    private static Shard Shard(string id, string? parent = null, string? adjacent = null) => new(id, parent, adjacent, "0", "1", "0", null);

    private static string Order(params Shard[] shards) => string.Join(' ', ShardOrder.ParentsFirst(shards).Select(s => s.ShardId));

    [Fact]
    public void ParentsFirst_ChildListedBeforeItsParent_ParentComesFirst() =>
        Assert.Equal("a b c", Order(Shard("c", parent: "b"), Shard("a"), Shard("b")));

    [Fact]
    public void ParentsFirst_MergedChild_AfterBothParents() =>
        Assert.Equal("p q m", Order(Shard("m", parent: "p", adjacent: "q"), Shard("p"), Shard("q")));

    [Fact]
    public void ParentsFirst_ParentTrimmedAway_ChildIsARoot() =>
        Assert.Equal("child other", Order(Shard("child", parent: "gone"), Shard("other")));

    [Fact]
    public void ParentsFirst_SplitTwice_EachGenerationAfterTheOneBefore() =>
        Assert.Equal("0 1 2 3 4", Order(Shard("3", parent: "1"), Shard("4", parent: "1"), Shard("1", parent: "0"), Shard("2", parent: "0"), Shard("0")));
}
