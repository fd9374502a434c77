using Telemetry.Cli.Commands.Bench;

namespace Telemetry.Cli.Tests.Bench;

public sealed class CallCountsTests
{
    [Fact]
    public void Since_SameService_SubtractsPerOperationAndSplitsWritesFromReads()
    {
        var before = new CallCounts(7, 5, 100, new Dictionary<string, long> { ["UpdateItem"] = 10, ["BatchGetItem"] = 1 }, new Dictionary<string, double> { ["UpdateItem"] = 20 });
        var after = new CallCounts(7, 9, 180, new Dictionary<string, long> { ["UpdateItem"] = 50, ["PutItem"] = 2, ["BatchGetItem"] = 4, ["Query"] = 3 }, new Dictionary<string, double> { ["UpdateItem"] = 120, ["Query"] = 1.5 });

        var run = after.Since(before);

        Assert.Equal((42L, 6L, 4L, 80L), (run.Writes, run.Reads, run.Invocations, run.BilledMilliseconds));
        Assert.Equal((100.0, 1.5), (run.WriteUnits, run.ReadUnits));
    }

    [Fact]
    public void Since_ServiceRestarted_Throws()
    {
        var before = new CallCounts(7, 1, 1, new Dictionary<string, long> { ["UpdateItem"] = 10 }, new Dictionary<string, double>());
        var after = new CallCounts(8, 1, 1, new Dictionary<string, long> { ["UpdateItem"] = 3 }, new Dictionary<string, double>());

        Assert.Throws<InvalidOperationException>(() => after.Since(before));
    }
}
