using Telemetry.Local.Faults;

namespace Telemetry.FaultProxy.Tests;

public sealed class FaultSessionTests
{
    private static FaultSession Flaky(int seed) => new(Profiles.Shipped["flaky"], seed);

    [Fact]
    public void Decide_SameSeedAndCalls_SameDecisions()
    {
        var first = Flaky(42);
        var second = Flaky(42);

        var a = Enumerable.Range(0, 500).Select(i => first.Decide(FaultUpstream.Kinesis, "PutRecords", i % 20)).ToList();
        var b = Enumerable.Range(0, 500).Select(i => second.Decide(FaultUpstream.Kinesis, "PutRecords", i % 20)).ToList();

        Assert.Equal(Describe(a), Describe(b));
    }

    [Fact]
    public void Decide_DifferentSeeds_DifferentDecisions()
    {
        var first = Flaky(1);
        var second = Flaky(2);

        var one = Enumerable.Range(0, 200).Select(_ => first.Decide(FaultUpstream.Kinesis, "PutRecords", 10)).ToList();
        var two = Enumerable.Range(0, 200).Select(_ => second.Decide(FaultUpstream.Kinesis, "PutRecords", 10)).ToList();

        Assert.NotEqual(Describe(one), Describe(two));
    }

    [Fact]
    public void Decide_FlakyPutRecordsOverManyCalls_EntryAndDropRatesWithinTolerance()
    {
        var session = Flaky(7);
        const int Calls = 20_000;
        const int Entries = 10;

        var plans = Enumerable.Range(0, Calls).Select(_ => session.Decide(FaultUpstream.Kinesis, "PutRecords", Entries)).ToList();

        var entryRate = plans.Sum(p => p.FailedEntries.Count) / (double)(Calls * Entries);
        var dropRate = plans.Count(p => p.DropResponse) / (double)Calls;
        Assert.InRange(entryRate, 0.24, 0.26);
        Assert.InRange(dropRate, 0.015, 0.025);
        Assert.All(plans, p => Assert.Equal(CallFault.None, p.Call));
    }

    [Fact]
    public void Decide_FlakyDynamoDbOverManyCalls_ThrottleAndServerErrorRatesWithinTolerance()
    {
        var session = Flaky(11);
        const int Calls = 40_000;

        var plans = Enumerable.Range(0, Calls).Select(_ => session.Decide(FaultUpstream.DynamoDb, "PutItem", 0)).ToList();

        Assert.InRange(plans.Count(p => p.Call == CallFault.Throttle) / (double)Calls, 0.02, 0.03);
        Assert.InRange(plans.Count(p => p.Call == CallFault.ServerError) / (double)Calls, 0.02, 0.03);
        Assert.Equal(
            ["ProvisionedThroughputExceededException", "ThrottlingException"],
            plans.Where(p => p.Call == CallFault.Throttle).Select(p => p.Error!.Code).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal([500, 503], plans.Where(p => p.Call == CallFault.ServerError).Select(p => p.Error!.StatusCode).Distinct().Order());
    }

    [Fact]
    public void Decide_Latency_WithinProfileBounds()
    {
        var session = Flaky(3);

        var latencies = Enumerable.Range(0, 2000).Select(_ => session.Decide(FaultUpstream.DynamoDb, "GetItem", 0).Latency).ToList();

        Assert.All(latencies, l => Assert.InRange(l, TimeSpan.Zero, TimeSpan.FromMilliseconds(20)));
        Assert.InRange(latencies.Average(l => l.TotalMilliseconds), 8, 12);
    }

    [Fact]
    public void Decide_EntryFailures_UseBothErrorCodesInRequestOrder()
    {
        var session = new FaultSession(Profiles.With("""{ "kinesis": { "entryFailureRate": 0.5 } }""")["test"], 5);

        var plan = session.Decide(FaultUpstream.Kinesis, "PutRecords", 200);

        Assert.Equal(plan.FailedEntries.Select(f => f.Index).Order(), plan.FailedEntries.Select(f => f.Index));
        Assert.Equal(
            ["InternalFailure", "ProvisionedThroughputExceededException"],
            plan.FailedEntries.Select(f => f.ErrorCode).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(FaultUpstream.Kinesis, "GetRecords")]
    [InlineData(FaultUpstream.Kinesis, null)]
    [InlineData(FaultUpstream.DynamoDb, null)]
    public void Decide_OperationOutsideProfile_PassesThrough(FaultUpstream upstream, string? operation)
    {
        var session = Flaky(1);

        var plans = Enumerable.Range(0, 1000).Select(_ => session.Decide(upstream, operation, 10));

        Assert.All(plans, p => Assert.Same(FaultPlan.PassThrough, p));
    }

    [Fact]
    public void Decide_Off_NeverInjects()
    {
        var session = new FaultSession(FaultProfile.Off, 1);

        var plans = Enumerable.Range(0, 1000).Select(i => session.Decide(i % 2 == 0 ? FaultUpstream.Kinesis : FaultUpstream.DynamoDb, "PutRecords", 10));

        Assert.All(plans, p => Assert.True(p.IsPassThrough));
    }

    [Fact]
    public void Decide_DynamoDbOutage_EveryCallFailsAndKinesisIsUntouched()
    {
        var session = new FaultSession(Profiles.Shipped["dynamodb-outage"], 9);

        var dynamo = Enumerable.Range(0, 2000).Select(_ => session.Decide(FaultUpstream.DynamoDb, "Query", 0)).ToList();
        var kinesis = session.Decide(FaultUpstream.Kinesis, "PutRecords", 10);

        Assert.All(dynamo, p => Assert.NotEqual(CallFault.None, p.Call));
        Assert.Contains(dynamo, p => p.Call == CallFault.Reset);
        Assert.Contains(dynamo, p => p.Call == CallFault.ServerError);
        Assert.True(kinesis.IsPassThrough);
    }

    private static List<string> Describe(IEnumerable<FaultPlan> plans) =>
        [.. plans.Select(p => $"{p.Latency.Ticks}|{p.Call}|{p.Error?.Code}|{string.Join(',', p.FailedEntries.Select(f => $"{f.Index}:{f.ErrorCode}"))}|{p.DropResponse}")];
}
