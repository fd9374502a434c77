using Telemetry.Producer.Faults;

namespace Telemetry.Producer.Tests.Faults;

public class LatenessStampsTests
{
    private static readonly DateTimeOffset Sent = new(2025, 3, 1, 12, 34, 56, TimeSpan.Zero);

    [Theory]
    [InlineData(24.0)]
    [InlineData(2.0)]
    [InlineData(0.25)]
    public void LateDelay_AnyDraw_WindowStaysInsideLatenessByTheMargin(double latenessHours)
    {
        var lateness = TimeSpan.FromHours(latenessHours);
        var random = new Random(1);
        for (var i = 0; i < 1000; i++)
        {
            var stamp = Sent - LatenessStamps.LateDelay(lateness, random);

            // Processed a whole margin after it was sent, it is still inside the lateness.
            var processed = Sent + LatenessStamps.Margin(lateness);
            Assert.False(LatenessStamps.IsTooLateAt(stamp, processed, lateness));
            Assert.True(stamp < Sent);
        }
    }

    [Theory]
    [InlineData(24.0)]
    [InlineData(0.25)]
    public void TooLateDelay_AnyDraw_TooLateAlreadyWhenSentByMoreThanTheMargin(double latenessHours)
    {
        var lateness = TimeSpan.FromHours(latenessHours);
        var random = new Random(2);
        for (var i = 0; i < 1000; i++)
        {
            var stamp = Sent - LatenessStamps.TooLateDelay(lateness, random);

            Assert.True(Sent - LatenessStamps.WindowEnd(stamp) > lateness + LatenessStamps.Margin(lateness));
        }
    }

    [Fact]
    public void WindowEnd_MidHour_NextFullHour()
    {
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 13, 0, 0, TimeSpan.Zero), LatenessStamps.WindowEnd(Sent));
    }
}
