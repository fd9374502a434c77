using Microsoft.Extensions.Time.Testing;
using Telemetry.Local.Faults;

namespace Telemetry.FaultProxy.Tests;

public sealed class FaultControlTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Session_LeaseRunsOut_BackToOffWithTheSameSeed()
    {
        var control = new FaultControl(Profiles.Shipped, _time, "off", 1);
        control.Set("flaky", 42, TimeSpan.FromSeconds(60));

        _time.Advance(TimeSpan.FromSeconds(59));
        var during = control.Session;
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = control.Session;

        Assert.Equal("flaky", during.Profile.Name);
        Assert.Equal("off", after.Profile.Name);
        Assert.Equal(42, after.Seed);
        Assert.Null(control.LeaseExpiresAt);
    }

    [Fact]
    public void Set_NoLease_StaysUntilChanged()
    {
        var control = new FaultControl(Profiles.Shipped, _time, "off", 1);
        control.Set("dynamodb-outage", 5, lease: null);

        _time.Advance(TimeSpan.FromDays(1));

        Assert.Equal("dynamodb-outage", control.Session.Profile.Name);
    }

    [Fact]
    public void Set_UnknownProfile_ErrorNamesKnownProfiles()
    {
        var control = new FaultControl(Profiles.Shipped, _time, "off", 1);

        var error = Assert.Throws<FaultProfileException>(() => control.Set("flakey", 1, null));

        Assert.Contains("'flakey'", error.Message, StringComparison.Ordinal);
        Assert.Contains("dynamodb-outage, flaky, off", error.Message, StringComparison.Ordinal);
        Assert.Equal("off", control.Session.Profile.Name);
    }

    [Fact]
    public void Set_NonPositiveLease_Rejected()
    {
        var control = new FaultControl(Profiles.Shipped, _time, "off", 1);

        Assert.Throws<FaultProfileException>(() => control.Set("flaky", 1, TimeSpan.Zero));
    }

    [Fact]
    public void Constructor_UnknownStartProfile_Rejected()
    {
        Assert.Throws<FaultProfileException>(() => new FaultControl(Profiles.Shipped, _time, "nope", 1));
    }
}
