using System.Text.Json;
using Telemetry.Cli.Commands.Alerts;
using Telemetry.Contracts.Alerts;

namespace Telemetry.Cli.Tests.Alerts;

public sealed class AlertLineTests
{
    private static readonly AlertEvent Raised = new(AlertEventTypes.AlertRaised, "ep-1", "thermostat-0001", "thermostat", "site-a", DateTimeOffset.Parse("2026-12-01T10:00:00Z"))
    {
        RuleId = "thermostat-too-cold",
        Severity = "warning",
        Metric = "temperature",
        Direction = "below",
        Value = 11.25,
        Threshold = 12,
        ClearLevel = 14,
        RaisedAt = DateTimeOffset.Parse("2026-12-01T10:01:00Z"),
    };

    [Fact]
    public void Text_RaisedBelow_SaysValueThresholdAndClearLevel()
    {
        Assert.Equal(
            "2026-12-01T10:01:00.000Z  RAISED    thermostat-0001  thermostat-too-cold (warning): temperature 11.25 < 12, clears above 14",
            AlertLine.Text(Raised));
    }

    [Fact]
    public void Text_Silent_SaysSinceWhenAndTheThreshold()
    {
        var silent = new AlertEvent(AlertEventTypes.DeviceSilent, "ep-2", "vibration-0003", "vibration", "site-b", DateTimeOffset.Parse("2026-12-01T10:00:00Z"))
        {
            LastSeenAt = DateTimeOffset.Parse("2026-12-01T10:00:00Z"),
            SilentAfter = TimeSpan.FromMinutes(1),
        };

        Assert.EndsWith("SILENT    vibration-0003  no reading since 2026-12-01T10:00:00.000Z (silent after 1m)", AlertLine.Text(silent), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_Raised_IsOneObjectWithDetailTypeAndTheDetail()
    {
        using var line = JsonDocument.Parse(AlertLine.Json(Raised));

        Assert.Equal("AlertRaised", line.RootElement.GetProperty("detailType").GetString());
        Assert.Equal("ep-1", line.RootElement.GetProperty("episodeId").GetString());
        Assert.Equal(11.25, line.RootElement.GetProperty("value").GetDouble());
        Assert.DoesNotContain('\n', AlertLine.Json(Raised));
    }
}
