using Telemetry.Producer.Faults;

namespace Telemetry.Producer.Tests.Faults;

public class FaultOptionsTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_RateOutsideZeroToOne_NamesTheFlag(double rate)
    {
        var errors = new FaultOptions { Duplicates = rate, Poison = rate }.Validate();

        Assert.Contains(errors, e => e.StartsWith("--duplicates must be a fraction between 0 and 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--poison must be a fraction between 0 and 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_LateAndTooLateAboveOne_Refused()
    {
        var errors = new FaultOptions { Late = 0.6, TooLate = 0.5 }.Validate();

        Assert.Contains(errors, e => e.Contains("--late plus --too-late", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ZeroLatenessOrBurstInterval_Refused()
    {
        var errors = new FaultOptions { AllowedLateness = TimeSpan.Zero, BurstEvery = TimeSpan.Zero }.Validate();

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Validate_EveryFaultAtOnce_Valid()
    {
        var options = new FaultOptions { Duplicates = 1, OutOfOrder = 1, Late = 0.5, TooLate = 0.5, Poison = 1, Bursts = 1 };

        Assert.Empty(options.Validate());
    }
}
