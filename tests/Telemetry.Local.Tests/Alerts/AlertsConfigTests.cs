using System.Text.Json;
using Telemetry.Contracts.Alerts;
using Telemetry.Local.Stack;

namespace Telemetry.Local.Tests.Alerts;

public sealed class AlertsConfigTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("telemetry-alerts-config-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Read_PipelineJson_MatchesTheAlerterSourceAndEveryDetailTypeOfTheContract()
    {
        var config = AlertsConfig.Read();

        using var pattern = JsonDocument.Parse(config.EventPattern);
        Assert.Equal([AlertEventTypes.Source], pattern.RootElement.GetProperty("source").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(AlertEventTypes.All, pattern.RootElement.GetProperty("detail-type").EnumerateArray().Select(s => s.GetString()!));
        Assert.Equal("telemetry-alerts", config.QueueName);
        Assert.Equal("telemetry-alerts-dlq", config.DeadLetterQueueName);
    }

    [Fact]
    public void Read_PatternWithoutSource_FailsNamingTheFile()
    {
        var path = Write("""{"alerts":{"eventPattern":{"detail-type":["AlertRaised"]},"queue":{"name":"telemetry-alerts","maxReceiveCount":5,"messageRetentionSeconds":60,"deadLetterRetentionSeconds":60}}}""");

        var error = Assert.Throws<InvalidOperationException>(() => AlertsConfig.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("non-empty 'source' array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoAlertsSection_FailsNamingTheFile()
    {
        var path = Write("""{"shardCount":2}""");

        var error = Assert.Throws<InvalidOperationException>(() => AlertsConfig.Read(path));

        Assert.Contains($"{path}: the alerts section", error.Message, StringComparison.Ordinal);
    }

    private string Write(string json)
    {
        var path = Path.Combine(folder, "pipeline.json");
        File.WriteAllText(path, json);
        return path;
    }
}
