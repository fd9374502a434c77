using Telemetry.Producer.Simulation;

namespace Telemetry.Producer.Tests.Simulation;

public class SimulatorOptionsTests
{
    [Fact]
    public void TotalReadings_NeitherDurationNorReadings_SixtySecondsWorth()
    {
        var options = new SimulatorOptions { Devices = 5, RatePerDevice = 2 };

        Assert.Equal(600, options.TotalReadings);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_BothDurationAndReadings_Error()
    {
        var options = new SimulatorOptions { Duration = TimeSpan.FromSeconds(5), Readings = 10 };

        Assert.Contains(options.Validate(), e => e.Contains("not both", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(-3, 1.0)]
    [InlineData(10, 0.0)]
    [InlineData(10, -1.0)]
    [InlineData(10, double.NaN)]
    [InlineData(10, 5000.0)]
    public void Validate_NonPositiveDevicesOrBadRate_Error(int devices, double rate)
    {
        var options = new SimulatorOptions { Devices = devices, RatePerDevice = rate };

        Assert.Single(options.Validate());
    }
}
