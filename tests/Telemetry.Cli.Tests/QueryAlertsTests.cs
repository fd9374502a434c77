using System.Text.Json;
using Telemetry.Contracts.Alerts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;
using Telemetry.Storage.Alerts;

namespace Telemetry.Cli.Tests;

public sealed class QueryAlertsTests
{
    [Fact]
    public async Task QueryAlerts_HistoryOfSeveralEpisodes_FiltersByDeviceRuleAndState()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-alerts-").FullName;
        try
        {
            var state = await LocalStack.UpAsync(new LocalStackOptions { DataDirectory = data, ShardCount = 1, FlushInterval = TimeSpan.FromSeconds(1) }.WithFreePorts());
            using (var dynamo = LocalAws.DynamoDb(state.EmulatorEndpoint(EmulatorKind.DynamoDb)))
            {
                var start = DateTimeOffset.UtcNow.AddHours(-1);
                var hot = new AlertEvent(AlertEventTypes.AlertRaised, "e-hot", "thermostat-0001", "thermostat", "plant-a", start)
                {
                    RuleId = "thermostat-overheat", Severity = "warning", Metric = "temperature", Value = 29.5, Threshold = 28, ClearLevel = 26, RaisedAt = start.AddSeconds(30),
                };
                var shaky = new AlertEvent(AlertEventTypes.AlertRaised, "e-shaky", "vibration-0002", "vibration", "plant-b", start.AddMinutes(1))
                {
                    RuleId = "vibration-high", Severity = "critical", Metric = "rms_velocity", Value = 12, Threshold = 11, ClearLevel = 7.1, RaisedAt = start.AddMinutes(1),
                };
                var old = hot with { EpisodeId = "e-old", StartedAt = start.AddDays(-10) };
                await new AlertEpisodeLog(dynamo, state.TableName).RecordAsync(
                    [hot, hot with { DetailType = AlertEventTypes.AlertCleared, Value = 25, EndedAt = start.AddMinutes(5) }, shaky, old],
                    CancellationToken.None);
            }

            var (allExit, all) = await CliRunner.RunAsync("query", "alerts", "--json", "--data-dir", data);
            var (_, open) = await CliRunner.RunAsync("query", "alerts", "--state", "open", "--json", "--data-dir", data);
            var (_, thermostat) = await CliRunner.RunAsync("query", "alerts", "--device", "thermostat-0001", "--since", "14d", "--json", "--data-dir", data);
            var (tableExit, table) = await CliRunner.RunAsync("query", "alerts", "--rule", "vibration-high", "--data-dir", data);

            Assert.Equal((0, 0), (allExit, tableExit));
            Assert.Equal(["e-hot", "e-shaky"], Ids(all));
            Assert.Equal(["e-shaky"], Ids(open));
            Assert.Equal(["e-old", "e-hot"], Ids(thermostat));
            using var json = JsonDocument.Parse(all);
            var first = json.RootElement[0];
            Assert.Equal(("cleared", 29.5, 25.0), (first.GetProperty("state").GetString(), first.GetProperty("raisedValue").GetDouble(), first.GetProperty("clearedValue").GetDouble()));
            Assert.Contains("vibration-0002", table, StringComparison.Ordinal);
            Assert.DoesNotContain("thermostat-0001", table, StringComparison.Ordinal);
        }
        finally
        {
            await LocalStack.ResetAsync(data);
        }
    }

    [Theory]
    [InlineData("--state", "firing", "--state must be 'open' or 'cleared'")]
    [InlineData("--since", "soon", "--since 'soon' is neither an ISO 8601 time")]
    public async Task QueryAlerts_BadFlag_ExitsTwoSayingWhy(string flag, string value, string expected)
    {
        var (exitCode, output) = await CliRunner.RunAsync("query", "alerts", flag, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    private static string[] Ids(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetProperty("episodeId").GetString()!)];
    }
}
