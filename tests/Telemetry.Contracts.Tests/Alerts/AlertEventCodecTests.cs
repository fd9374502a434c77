using System.Text.Json;
using Telemetry.Contracts.Alerts;

namespace Telemetry.Contracts.Tests.Alerts;

public sealed class AlertEventCodecTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, 250, TimeSpan.Zero);

    private static readonly AlertEvent Raised = new(AlertEventTypes.AlertRaised, "0123456789abcdef0123456789abcdef", "thermostat-0001", "thermostat", "Plant 2", Start)
    {
        RuleId = "thermostat-overheat",
        Severity = "warning",
        Metric = "temperature",
        Direction = "above",
        Value = 28.4,
        Threshold = 28,
        ClearLevel = 26,
        RaisedAt = Start.AddSeconds(30),
    };

    [Fact]
    public void EncodeDetail_ThresholdEvent_RoundTrips()
    {
        var cleared = Raised with { DetailType = AlertEventTypes.AlertCleared, Value = 25.9, EndedAt = Start.AddMinutes(5) };

        Assert.True(AlertEventCodec.TryDecode(cleared.DetailType, AlertEventCodec.EncodeDetail(cleared), out var decoded, out var problem), problem);
        Assert.Equal(cleared, decoded);
    }

    [Fact]
    public void EncodeDetail_SilenceEvent_CarriesOnlySilenceFields()
    {
        var silent = new AlertEvent(AlertEventTypes.DeviceSilent, "feed", "vibration-0002", "vibration", "Plant 1", Start)
        {
            LastSeenAt = Start,
            SilentAfter = TimeSpan.FromMinutes(2),
        };

        var detail = AlertEventCodec.EncodeDetail(silent);

        using var json = JsonDocument.Parse(detail);
        Assert.Equal(
            ["version", "episodeId", "deviceId", "deviceType", "site", "lastSeenAt", "silentAfter", "startedAt"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2m", json.RootElement.GetProperty("silentAfter").GetString());
        Assert.Equal("2026-12-01T10:00:00.250Z", json.RootElement.GetProperty("startedAt").GetString());
        Assert.True(AlertEventCodec.TryDecode(AlertEventTypes.DeviceSilent, detail, out var decoded, out _));
        Assert.Equal(silent, decoded);
    }

    [Theory]
    [InlineData("AlertRaised", "not json", "not a valid alert event")]
    [InlineData("AlertRaised", "{\"version\":2,\"episodeId\":\"e\"}", "not a version 1 alert event")]
    [InlineData("AlertRaised", "{\"version\":1,\"episodeId\":\"e\",\"deviceId\":\"d\",\"deviceType\":\"t\",\"site\":\"s\"}", "startedAt is missing")]
    [InlineData("SomethingElse", "{}", "'SomethingElse' is not an alert event type")]
    public void TryDecode_NotAnAlertEvent_FalseWithTheProblem(string detailType, string detail, string expected)
    {
        Assert.False(AlertEventCodec.TryDecode(detailType, detail, out var alert, out var problem));
        Assert.Null(alert);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
