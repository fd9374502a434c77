using Telemetry.Cli.Commands.Demo;
using Telemetry.Contracts.Alerts;
using Telemetry.Producer.Anomalies;
using Telemetry.Producer.Ledger;

namespace Telemetry.Cli.Tests.Alerts;

public sealed class AlertCheckTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-12-01T10:00:00Z");

    private static readonly LedgerAnomaly Excursion = Anomaly("run1-thermostat-0001", AlertEventTypes.AlertRaised, AlertEventTypes.AlertCleared);
    private static readonly LedgerAnomaly Silence = Anomaly("run1-vibration-0002", AlertEventTypes.DeviceSilent, AlertEventTypes.DeviceResumed);

    [Fact]
    public void Of_EveryPlannedTransitionOnce_IsOk()
    {
        var check = AlertCheck.Of([Excursion, Silence], [
            Event("run1-thermostat-0001", AlertEventTypes.AlertRaised),
            Event("run1-vibration-0002", AlertEventTypes.DeviceSilent),
            Event("run1-thermostat-0001", AlertEventTypes.AlertCleared),
            Event("run1-vibration-0002", AlertEventTypes.DeviceResumed),
        ], "run1-");

        Assert.True(check.Ok);
        Assert.Equal((1, 1, 1, 1, 4), (check.Raised, check.Cleared, check.Silent, check.Resumed, check.Expected));
    }

    [Fact]
    public void Of_TransitionNotReceived_NamesItMissing()
    {
        var check = AlertCheck.Of([Excursion], [Event("run1-thermostat-0001", AlertEventTypes.AlertRaised)], "run1-");

        Assert.False(check.Ok);
        Assert.Equal(["run1-thermostat-0001 AlertCleared"], check.Missing);
    }

    [Fact]
    public void Of_AlertOfAnUntouchedDeviceOrASecondRaise_IsUnexpected()
    {
        var check = AlertCheck.Of([Excursion], [
            Event("run1-thermostat-0001", AlertEventTypes.AlertRaised),
            Event("run1-thermostat-0001", AlertEventTypes.AlertCleared),
            Event("run1-thermostat-0001", AlertEventTypes.AlertRaised),
            Event("run1-cold-storage-0003", AlertEventTypes.DeviceSilent),
        ], "run1-");

        Assert.False(check.Ok);
        Assert.Equal(["run1-thermostat-0001 AlertRaised", "run1-cold-storage-0003 DeviceSilent"], check.Unexpected);
    }

    [Fact]
    public void Of_AlertsOfAnotherRun_AreNotThisRunsBusiness()
    {
        var check = AlertCheck.Of([], [Event("run0-thermostat-0001", AlertEventTypes.DeviceSilent)], "run1-");

        Assert.True(check.Ok);
        Assert.Equal(0, check.Silent);
    }

    private static LedgerAnomaly Anomaly(string deviceId, params string[] expected) =>
        new(deviceId, "thermostat", AnomalyKind.Excursion, "rule", "metric", null, T0, T0.AddMinutes(1), [.. expected.Select(e => new LedgerExpectedEvent(e, T0))]);

    private static AlertEvent Event(string deviceId, string detailType) =>
        new(detailType, "ep-" + deviceId, deviceId, "thermostat", "site-a", T0);
}
