using Telemetry.Processing.Alerts;

namespace Telemetry.Storage.Tests;

public sealed class AlerterSettingsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void FromEnvironment_Unset_DefaultsNextToTheAssembly()
    {
        var settings = AlerterSettings.FromEnvironment(Env());

        Assert.Equal(("telemetry-rollups", "telemetry-alerts"), (settings.TableName, settings.EventBusName));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "alert-rules.json"), settings.RulesPath);
        Assert.Equal(TimeSpan.FromDays(14), settings.RejectedTtl);
    }

    [Theory]
    [InlineData("TELEMETRY_EVENT_BUS", "bus with spaces", "is not an event bus name")]
    [InlineData("TELEMETRY_TABLE", "x", "is not a DynamoDB table name")]
    [InlineData("TELEMETRY_REJECTED_TTL", "soon", "TELEMETRY_REJECTED_TTL='soon' is not a duration")]
    public void FromEnvironment_BadVariable_NamesIt(string variable, string value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AlerterSettings.FromEnvironment(Env((variable, value))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadRules_FileMissing_SaysWhichFileAndWhichVariable()
    {
        var settings = AlerterSettings.FromEnvironment(Env(("TELEMETRY_ALERT_RULES", "/nowhere/alert-rules.json")));

        var error = Assert.Throws<AlertRulesException>(settings.LoadRules);

        Assert.Contains("/nowhere/alert-rules.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("TELEMETRY_ALERT_RULES", error.Message, StringComparison.Ordinal);
    }
}
