using Telemetry.Producer.Devices;
using Telemetry.Producer.Simulation;

namespace Telemetry.Producer.Tests.Devices;

public sealed class FleetPrefixTests
{
    [Fact]
    public void Generate_WithPrefix_PrefixesEveryIdAndKeepsTheRestOfTheFleet()
    {
        var plain = Fleet.Generate(7, seed: 3);

        var prefixed = Fleet.Generate(7, seed: 3, deviceIdPrefix: "run42-");

        Assert.Equal(plain.Devices.Select(d => "run42-" + d.DeviceId), prefixed.Devices.Select(d => d.DeviceId));
        Assert.Equal(plain.Devices.Select(d => d.Site), prefixed.Devices.Select(d => d.Site));
    }

    [Fact]
    public void Validate_PrefixWithCharactersNotAllowedInDeviceIds_ReportsIt()
    {
        var options = new SimulatorOptions { DeviceIdPrefix = "bad prefix#" };

        var errors = options.Validate();

        Assert.Contains(errors, e => e.Contains("bad prefix#", StringComparison.Ordinal));
    }
}
