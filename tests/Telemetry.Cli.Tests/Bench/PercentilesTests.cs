using Telemetry.Cli.Commands.Bench;

namespace Telemetry.Cli.Tests.Bench;

public sealed class PercentilesTests
{
    [Theory]
    [InlineData(50, 5)]
    [InlineData(99, 10)]
    [InlineData(10, 1)]
    [InlineData(100, 10)]
    public void NearestRank_OneToTenShuffled_IsTheValueAtTheRank(double percent, double expected)
    {
        double[] values = [7, 3, 10, 1, 9, 2, 8, 4, 6, 5];

        Assert.Equal(expected, Percentiles.NearestRank(values, percent));
    }

    [Fact]
    public void NearestRank_NoValues_IsNull()
    {
        Assert.Null(Percentiles.NearestRank([], 99));
    }

    [Fact]
    public void Of_FourRounds_MedianIsTheLowerMiddleThatWasMeasured()
    {
        Assert.Equal(new Spread(1, 2, 9), Percentiles.Of([9, 2, 1, 3]));
    }
}
