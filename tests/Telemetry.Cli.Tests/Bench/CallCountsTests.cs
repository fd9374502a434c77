using Telemetry.Cli.Commands.Bench;

namespace Telemetry.Cli.Tests.Bench;

public sealed class CallCountsTests
{
    [Fact]
    public void Since_SameService_SubtractsPerOperationAndSplitsWritesFromReads()
    {
        var before = new CallCounts(7, new Dictionary<string, long> { ["UpdateItem"] = 10, ["BatchGetItem"] = 1 });
        var after = new CallCounts(7, new Dictionary<string, long> { ["UpdateItem"] = 50, ["PutItem"] = 2, ["BatchGetItem"] = 4, ["Query"] = 3 });

        var run = after.Since(before);

        Assert.Equal((42L, 6L), (run.Writes, run.Reads));
    }

    [Fact]
    public void Since_ServiceRestarted_Throws()
    {
        var before = new CallCounts(7, new Dictionary<string, long> { ["UpdateItem"] = 10 });
        var after = new CallCounts(8, new Dictionary<string, long> { ["UpdateItem"] = 3 });

        Assert.Throws<InvalidOperationException>(() => after.Since(before));
    }
}
