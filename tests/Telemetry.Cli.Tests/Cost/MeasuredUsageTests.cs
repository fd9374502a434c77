using Telemetry.Cli.Commands.Cost;

namespace Telemetry.Cli.Tests.Cost;

public sealed class MeasuredUsageTests
{
    private static string BenchResult(int durationSeconds)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, $$$"""
            {"at":"2026-12-02T17:41:02Z",
             "consumer":{"alerterCatchUpSeconds":40.9},
             "writes":{"devices":200,"ratePerDevice":1,"durationSeconds":{{{durationSeconds}}},"flushIntervalSeconds":60,"readings":{{{200 * durationSeconds}}},"baselineWriteUnitsPerReading":1},
             "functions":{
               "aggregator":{"invocations":600,"billedMilliseconds":20000,"writeRequests":3125,"writeUnits":3125,"readUnits":35},
               "alerter":{"invocations":600,"billedMilliseconds":380000,"writeRequests":4000,"writeUnits":4000,"readUnits":60000} } }
            """);
        return path;
    }

    [Fact]
    public void Load_RunOfFiveIntervals_GivesWritesPerDevicePerInterval()
    {
        var path = BenchResult(300);

        var usage = MeasuredUsage.Load(path);

        Assert.Equal(3.125, usage.AggregatorWriteUnitsPerDeviceInterval, 6);
        Assert.Equal((1.0, 20000.0 / 600), (usage.Alerter.ReadUnitsPerReading, usage.Aggregator.BilledMillisecondsPerInvocation));
        Assert.True(usage.AlerterComplete);
        File.Delete(path);
    }

    [Fact]
    public void Load_RunShorterThanThreeIntervals_HasNoSteadyFigurePerInterval()
    {
        var path = BenchResult(30);

        Assert.Equal(0, MeasuredUsage.Load(path).AggregatorWriteUnitsPerDeviceInterval);
        File.Delete(path);
    }
}
