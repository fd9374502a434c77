using Telemetry.Processing.Alerts;

namespace Telemetry.Processing.Tests.Alerts;

public sealed class AlertRulesParserTests
{
    private const string Valid = """
        {
          "rules": [
            { "id": "hot", "metric": "temperature", "deviceType": "thermostat", "direction": "above",
              "threshold": 80, "clearLevel": 75, "for": "30s", "severity": "warning" },
            { "id": "shaky", "metric": "rms_velocity", "deviceType": "vibration", "deviceIds": ["vibration-0001"],
              "site": "Plant 2", "direction": "above", "threshold": 11, "consecutive": 5, "severity": "critical" }
          ],
          "silence": { "thermostat": "2m" }
        }
        """;

    private static AlertRulesException Refused(string json) =>
        Assert.Throws<AlertRulesException>(() => AlertRulesParser.Parse(json, "rules.json"));

    private static string OneRule(string fields) =>
        $$"""{ "rules": [ { "id": "hot", "metric": "temperature", "deviceType": "thermostat", {{fields}} } ] }""";

    [Fact]
    public void Parse_ValidFile_ReadsEveryField()
    {
        var set = AlertRulesParser.Parse(Valid, "rules.json");

        var hot = set.Rules[0];
        Assert.Equal(("hot", "temperature", "thermostat", AlertDirection.Above, 80.0, 75.0, AlertSeverity.Warning), (hot.Id, hot.Metric, hot.DeviceType, hot.Direction, hot.Threshold, hot.ClearLevel, hot.Severity));
        Assert.Equal(TimeSpan.FromSeconds(30), hot.Condition.HoldFor);
        var shaky = set.Rules[1];
        Assert.Equal((5, 11.0, "Plant 2"), (shaky.Condition.Consecutive, shaky.ClearLevel, shaky.Site));
        Assert.Equal(["vibration-0001"], shaky.DeviceIds!);
        Assert.Equal(TimeSpan.FromMinutes(2), set.SilenceAfter["thermostat"]);
    }

    [Fact]
    public void Parse_NoCondition_FiresImmediately()
    {
        var rule = AlertRulesParser.Parse(OneRule("\"direction\": \"below\", \"threshold\": 1, \"severity\": \"info\""), "rules.json").Rules[0];

        Assert.Same(AlertCondition.Immediately, rule.Condition);
    }

    [Fact]
    public void Parse_SeveralBadFields_NamesEachRuleAndField()
    {
        var error = Refused(OneRule("\"direction\": \"up\", \"threshold\": \"80\", \"severity\": \"urgent\", \"treshold\": 80"));

        Assert.Contains("rule 'hot' (rules[0]): 'direction' 'up' is neither 'above' nor 'below'", error.Problems);
        Assert.Contains("rule 'hot' (rules[0]): 'threshold' must be a finite number (got \"80\")", error.Problems);
        Assert.Contains("rule 'hot' (rules[0]): 'severity' 'urgent' is not one of info, warning, critical", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith("rule 'hot' (rules[0]): unknown field 'treshold'", StringComparison.Ordinal));
        Assert.StartsWith("rules.json is not a valid alert rules file:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"direction\": \"above\", \"threshold\": 80, \"clearLevel\": 85, \"severity\": \"info\"", "'clearLevel' 85 must be at or below the threshold 80")]
    [InlineData("\"direction\": \"below\", \"threshold\": 10, \"clearLevel\": 5, \"severity\": \"info\"", "'clearLevel' 5 must be at or above the threshold 10")]
    [InlineData("\"direction\": \"above\", \"threshold\": 80, \"for\": \"30s\", \"consecutive\": 3, \"severity\": \"info\"", "'for' and 'consecutive' exclude each other")]
    [InlineData("\"direction\": \"above\", \"threshold\": 80, \"for\": \"30\", \"severity\": \"info\"", "'for' \"30\" is not a positive duration")]
    [InlineData("\"direction\": \"above\", \"threshold\": 80, \"for\": \"0s\", \"severity\": \"info\"", "'for' \"0s\" is not a positive duration")]
    [InlineData("\"direction\": \"above\", \"threshold\": 80, \"consecutive\": 0, \"severity\": \"info\"", "'consecutive' 0 is not a whole number from 1 to 10000")]
    [InlineData("\"direction\": \"above\", \"threshold\": 80, \"consecutive\": 2.5, \"severity\": \"info\"", "'consecutive' 2.5 is not a whole number")]
    [InlineData("\"direction\": \"above\", \"threshold\": 80, \"deviceIds\": [], \"severity\": \"info\"", "'deviceIds' must be a non-empty array")]
    [InlineData("\"direction\": \"above\", \"threshold\": 80, \"site\": \"\", \"severity\": \"info\"", "'site' must be a non-empty string")]
    [InlineData("\"direction\": \"above\", \"threshold\": 80", "'severity' is missing")]
    public void Parse_BadRule_SaysWhatIsWrong(string fields, string expected)
    {
        var error = Refused(OneRule(fields));

        Assert.Contains(error.Problems, p => p.StartsWith("rule 'hot' (rules[0]): ", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_RuleWithoutId_NamedByPosition()
    {
        var error = Refused("""{ "rules": [ { "metric": "m", "deviceType": "t", "direction": "above", "threshold": 1, "severity": "info" } ] }""");

        Assert.Equal(["rules[0]: 'id' is missing"], error.Problems);
    }

    [Fact]
    public void Parse_DuplicateIdsAndBadSilence_ReportsBoth()
    {
        var rule = """{ "id": "x", "metric": "m", "deviceType": "t", "direction": "above", "threshold": 1, "severity": "info" }""";

        var error = Refused($$"""{ "rules": [ {{rule}}, {{rule}} ], "silence": { "t": "soon" } }""");

        Assert.Contains("rule 'x' (rules[1]): id 'x' is used by an earlier rule; ids must be unique", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith("silence of 't': \"soon\" is not a positive duration", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{ \"rule\": [] }")]
    public void Parse_NotARulesFile_Refused(string json)
    {
        Assert.NotEmpty(Refused(json).Problems);
    }

    [Fact]
    public void Parse_ShippedRulesFile_IsValidAndCoversEverySimulatedDeviceType()
    {
        var set = AlertRulesParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "alert-rules.json")), "config/alert-rules.json");

        Assert.Equal(["cold-storage", "thermostat", "vibration"], set.Rules.Select(r => r.DeviceType).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["cold-storage", "thermostat", "vibration"], set.SilenceAfter.Keys.Order(StringComparer.Ordinal));
    }
}
