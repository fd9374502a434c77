using Telemetry.Cli.Commands.Replay;
using Telemetry.Processing;

namespace Telemetry.Cli.Tests.Replay;

public class RebuildPlanTests
{
    private static readonly DateTimeOffset TenOClock = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly AggregationOptions Options = AggregationOptions.Default with { AllowedLateness = TimeSpan.FromHours(24) };

    [Fact]
    public void Align_BoundsInsideHours_WidensToWholeHours()
    {
        var plan = RebuildPlan.Align(TenOClock.AddMinutes(17), TenOClock.AddHours(2).AddSeconds(1), [], Options);

        Assert.Equal((TenOClock, TenOClock.AddHours(3)), (plan.Windows.From, plan.Windows.To));
    }

    [Fact]
    public void Align_BoundsOnTheHourAndNoEnd_KeepsThem()
    {
        var plan = RebuildPlan.Align(TenOClock, null, ["dev-1"], Options);

        Assert.Equal((TenOClock, (DateTimeOffset?)null), (plan.Windows.From, plan.Windows.To));
        Assert.Contains("dev-1", plan.Windows.Devices);
    }

    [Fact]
    public void ReadFrom_AnyPlan_StartsTheDevicesClockToleranceBeforeTheFirstWindow()
    {
        var plan = RebuildPlan.Align(TenOClock.AddMinutes(30), null, [], Options);

        Assert.Equal(TenOClock - Telemetry.Contracts.ReadingSchema.MaxFutureSkew, plan.ReadFrom);
    }

    [Fact]
    public void ReadTo_LastWindowClosedBeforeTheTip_StopsWhenItClosed()
    {
        var plan = RebuildPlan.Align(TenOClock, TenOClock.AddHours(1), [], Options);

        Assert.Equal(TenOClock.AddHours(25), plan.ReadTo(TenOClock.AddDays(3)));
        Assert.Equal(TenOClock.AddHours(5), plan.ReadTo(TenOClock.AddHours(5)));
    }

    [Fact]
    public void ReadTo_NoEnd_ReadsToTheTip()
    {
        var plan = RebuildPlan.Align(TenOClock, null, [], Options);

        Assert.Equal(TenOClock.AddDays(3), plan.ReadTo(TenOClock.AddDays(3)));
    }

    [Fact]
    public void Problem_StreamKeepsFromBeforeTheRead_None()
    {
        var plan = RebuildPlan.Align(TenOClock, null, [], Options);

        Assert.Null(plan.Problem(TenOClock.AddHours(-2)));
    }

    [Fact]
    public void Problem_StreamKeepsLessThanAnHourBeforeTheRead_SaysSo()
    {
        // Shards are read one after another: the first records of the last one must still be there by then.
        var plan = RebuildPlan.Align(TenOClock, null, [], Options);

        Assert.NotNull(plan.Problem(TenOClock.AddMinutes(-30)));
    }

    [Fact]
    public void Trimmed_HorizonPastTheFirstRecordToRead_True()
    {
        var plan = RebuildPlan.Align(TenOClock, null, [], Options);

        Assert.Equal((false, true), (plan.Trimmed(plan.ReadFrom), plan.Trimmed(plan.ReadFrom.AddSeconds(1))));
    }

    [Fact]
    public void Problem_StreamTrimmedPastTheRead_SaysTheEarliestRebuildableHour()
    {
        var plan = RebuildPlan.Align(TenOClock, null, [], Options);

        var problem = plan.Problem(TenOClock.AddMinutes(-10));

        Assert.NotNull(problem);
        Assert.Contains("--from 2026-12-02T11:00:00Z", problem, StringComparison.Ordinal);
    }
}
