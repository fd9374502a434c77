using Telemetry.Aws.Kinesis;

namespace Telemetry.Aws.Tests.Kinesis;

public class RetryBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 200)]
    [InlineData(3, 800)]
    [InlineData(7, 12_800)]
    [InlineData(8, 20_000)]
    [InlineData(1_000, 20_000)]
    public void Delay_SampleJustBelowOne_ApproachesExponentialCeilingCappedAtMax(int attempt, int ceilingMs)
    {
        // Arrange
        const double almostOne = 0.999_999;

        // Act
        var delay = RetryBackoff.Delay(attempt, almostOne, Base, Cap);

        // Assert
        Assert.InRange(delay.TotalMilliseconds, ceilingMs * 0.999, ceilingMs);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.75)]
    public void Delay_AnySample_IsThatFractionOfTheCeiling(double sample)
    {
        // Act
        var delay = RetryBackoff.Delay(4, sample, Base, Cap);

        // Assert
        Assert.Equal(TimeSpan.FromMilliseconds(1_600 * sample), delay);
    }

    [Fact]
    public void Delay_NegativeAttempt_Throws()
    {
        // Act
        Func<TimeSpan> act = () => RetryBackoff.Delay(-1, 0.5, Base, Cap);

        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => act());
    }
}
