using Telemetry.Producer.Devices;

namespace Telemetry.Producer.Tests.Devices;

public class FleetTests
{
    [Fact]
    public void Generate_SameSeed_SameDevices()
    {
        var first = Fleet.Generate(30, seed: 7);
        var second = Fleet.Generate(30, seed: 7);

        Assert.Equal(first.Devices, second.Devices);
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentSites()
    {
        var first = Fleet.Generate(30, seed: 7);
        var second = Fleet.Generate(30, seed: 8);

        Assert.NotEqual(first.Devices.Select(d => d.Site), second.Devices.Select(d => d.Site));
    }

    [Fact]
    public void Generate_ThreeOrMoreDevices_EveryKindWithNumberedIds()
    {
        var fleet = Fleet.Generate(7, seed: 42);

        Assert.Equal(
            ["thermostat-0001", "cold-storage-0001", "vibration-0001", "thermostat-0002", "cold-storage-0002", "vibration-0002", "thermostat-0003"],
            fleet.Devices.Select(d => d.DeviceId));
        Assert.Equal(fleet.Devices.Select(d => d.Kind).Distinct().Order(), DeviceKinds.All.Order());
    }

    [Fact]
    public void Generate_AnySeed_SitesAreAsciiLettersDigitsSpacesAndDashes()
    {
        var sites = Enumerable.Range(0, 20).SelectMany(seed => Fleet.Generate(25, seed).Devices).Select(d => d.Site).ToList();

        Assert.All(sites, site =>
        {
            Assert.False(string.IsNullOrWhiteSpace(site));
            Assert.All(site, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is ' ' or '-', $"'{c}' in '{site}'"));
        });
    }

    [Fact]
    public void Generate_ManyDevices_SitesAreShared()
    {
        var fleet = Fleet.Generate(50, seed: 42);

        Assert.InRange(fleet.Devices.Select(d => d.Site).Distinct().Count(), 2, 10);
    }

    [Fact]
    public void Generate_ZeroDevices_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Fleet.Generate(0, seed: 1));
    }
}
