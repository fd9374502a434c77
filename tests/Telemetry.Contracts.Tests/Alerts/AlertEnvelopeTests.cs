using Telemetry.Contracts.Alerts;

namespace Telemetry.Contracts.Tests.Alerts;

public sealed class AlertEnvelopeTests
{
    private static readonly AlertEvent Raised = new(AlertEventTypes.AlertRaised, "ep-1", "thermostat-0001", "thermostat", "site-a", DateTimeOffset.Parse("2026-12-01T10:00:00Z"))
    {
        RuleId = "thermostat-overheat",
        Severity = "warning",
        Metric = "temperature",
        Direction = "above",
        Value = 29.5,
        Threshold = 28,
        ClearLevel = 26,
        RaisedAt = DateTimeOffset.Parse("2026-12-01T10:00:30Z"),
    };

    [Fact]
    public void TryParse_EventBridgeEnvelope_ReturnsTheEvent()
    {
        var body = $$"""{"version":"0","id":"x","detail-type":"AlertRaised","source":"telemetry.alerter","account":"123456789012","time":"2026-12-01T10:00:30Z","region":"us-east-1","resources":[],"detail":{{AlertEventCodec.EncodeDetail(Raised)}}}""";

        Assert.True(AlertEnvelope.TryParse(body, out var alert, out var problem), problem);
        Assert.Equal(Raised, alert);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("""{"source":"someone.else","detail-type":"AlertRaised","detail":{}}""", "is not telemetry.alerter")]
    [InlineData("""{"source":"telemetry.alerter","detail":{}}""", "no 'detail-type'")]
    [InlineData("""{"source":"telemetry.alerter","detail-type":"AlertRaised","detail":"text"}""", "no 'detail' object")]
    [InlineData("""{"source":"telemetry.alerter","detail-type":"Other","detail":{}}""", "not an alert event type")]
    public void TryParse_NotAnAlertEvent_SaysWhy(string body, string expected)
    {
        Assert.False(AlertEnvelope.TryParse(body, out var alert, out var problem));
        Assert.Null(alert);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
