namespace Telemetry.Aws.Tests;

public class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(20);

    [Fact]
    public void Ceiling_SuccessiveAttempts_DoublesUpToTheCap()
    {
        // Act
        var ceilings = Enumerable.Range(0, 10).Select(a => Backoff.Ceiling(a, Base, Cap).TotalMilliseconds);

        // Assert
        Assert.Equal([100, 200, 400, 800, 1_600, 3_200, 6_400, 12_800, 20_000, 20_000], ceilings);
    }

    [Theory]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void Ceiling_HugeAttemptNumber_StaysAtTheCapWithoutOverflow(int attempt)
    {
        // Act
        var ceiling = Backoff.Ceiling(attempt, TimeSpan.MaxValue, TimeSpan.MaxValue);
        var delay = Backoff.Delay(attempt, Base, Cap, 1.0);

        // Assert
        Assert.Equal(TimeSpan.MaxValue, ceiling);
        Assert.Equal(Cap, delay);
    }

    [Fact]
    public void Ceiling_ZeroBaseDelay_IsZero()
    {
        // Act
        var ceiling = Backoff.Ceiling(int.MaxValue, TimeSpan.Zero, Cap);

        // Assert
        Assert.Equal(TimeSpan.Zero, ceiling);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(1_000)]
    public void Delay_SampleZero_IsZero(int attempt)
    {
        // Act
        var delay = Backoff.Delay(attempt, Base, Cap, 0.0);

        // Assert
        Assert.Equal(TimeSpan.Zero, delay);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(3, 800)]
    [InlineData(7, 12_800)]
    [InlineData(8, 20_000)]
    public void Delay_SampleOne_IsTheCeiling(int attempt, int ceilingMs)
    {
        // Act
        var delay = Backoff.Delay(attempt, Base, Cap, 1.0);

        // Assert
        Assert.Equal(TimeSpan.FromMilliseconds(ceilingMs), delay);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.75)]
    [InlineData(0.999_999)]
    public void Delay_AnySample_IsThatFractionOfTheCeiling(double sample)
    {
        // Act
        var delay = Backoff.Delay(4, Base, Cap, sample);

        // Assert
        Assert.Equal(TimeSpan.FromTicks((long)(TimeSpan.FromMilliseconds(1_600).Ticks * sample)), delay);
    }

    [Fact]
    public void Delay_ManySamplesFromRandom_SpreadOverZeroToCeilingAndNeverNegative()
    {
        // Arrange
        var random = new Random(1);

        // Act
        var delays = Enumerable.Range(0, 1_000).Select(i => Backoff.Delay(i % 70, Base, Cap, random)).ToList();
        var thirdAttempt = Enumerable.Range(0, 1_000).Select(_ => Backoff.Delay(2, Base, Cap, random)).ToList();

        // Assert
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, Cap));
        Assert.All(thirdAttempt, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMilliseconds(400)));
        Assert.Contains(thirdAttempt, d => d < TimeSpan.FromMilliseconds(100));
        Assert.Contains(thirdAttempt, d => d > TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Delay_NegativeAttempt_Throws()
    {
        // Act
        Func<TimeSpan> act = () => Backoff.Delay(-1, Base, Cap, 0.5);

        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => act());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Delay_SampleOutsideZeroToOne_Throws(double sample)
    {
        // Act
        Func<TimeSpan> act = () => Backoff.Delay(0, Base, Cap, sample);

        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => act());
    }

    [Fact]
    public void Delay_NegativeBaseDelay_Throws()
    {
        // Act
        Func<TimeSpan> act = () => Backoff.Delay(0, TimeSpan.FromMilliseconds(-1), Cap, 0.5);

        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => act());
    }
}
