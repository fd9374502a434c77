using Telemetry.Cli.Commands.Replay;

namespace Telemetry.Cli.Tests.Replay;

public class ArchiveBoundaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Horizon = Now.AddHours(-24);

    [Fact]
    public void Of_OldestRecordFarFromTheHorizon_ThatRecord()
    {
        // A stream created two hours ago: nothing is about to be trimmed.
        Assert.Equal(Now.AddHours(-2), ArchiveBoundary.Of(Now.AddHours(-2), Horizon, Now));
    }

    [Fact]
    public void Of_OldestRecordAtTheHorizon_TheMarginInside()
    {
        Assert.Equal(Horizon.AddMinutes(1) + ArchiveBoundary.TrimMargin, ArchiveBoundary.Of(Horizon.AddMinutes(1), Horizon, Now));
    }

    [Fact]
    public void Of_StreamKeepsNothing_Now()
    {
        Assert.Equal(Now, ArchiveBoundary.Of(null, Horizon, Now));
    }
}
