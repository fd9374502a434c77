using System.Text.Json;

namespace Telemetry.Local.Stack;

/// <summary>
/// The <c>alerts</c> section of config/pipeline.json: the rule's event pattern and the queue's settings, read by the
/// deployment (infra/pipelineFile.ts, which validates it in full) and by the local stack, so both route the same events.
/// </summary>
/// <param name="EventPattern">The EventBridge event pattern as JSON text, passed to PutRule verbatim.</param>
public sealed record AlertsConfig(string EventPattern, string QueueName, int MaxReceiveCount, int MessageRetentionSeconds, int DeadLetterRetentionSeconds)
{
    /// <summary>The dead-letter queue, named as the deployment names it.</summary>
    public string DeadLetterQueueName => QueueName + "-dlq";

    /// <summary>The rule and the topic carry the queue's name, as in the deployment (<c>&lt;prefix&gt;-alerts</c>).</summary>
    public string RuleName => QueueName;

    public string TopicName => QueueName;

    public static AlertsConfig Read(string? path = null)
    {
        path ??= PipelineConfig.DefaultPath;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        AlertsConfig config;
        JsonElement pattern;
        try
        {
            var alerts = document.RootElement.GetProperty("alerts");
            pattern = alerts.GetProperty("eventPattern");
            var queue = alerts.GetProperty("queue");
            config = new AlertsConfig(
                pattern.GetRawText(),
                queue.GetProperty("name").GetString() ?? string.Empty,
                queue.GetProperty("maxReceiveCount").GetInt32(),
                queue.GetProperty("messageRetentionSeconds").GetInt32(),
                queue.GetProperty("deadLetterRetentionSeconds").GetInt32());
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{path}: the alerts section lacks a setting or has one of the wrong type ({e.Message}).", e);
        }

        // Without a source the local rule would route whatever else reaches the bus to the alert queue.
        if (pattern.ValueKind != JsonValueKind.Object || !pattern.TryGetProperty("source", out var source)
            || source.ValueKind != JsonValueKind.Array || source.GetArrayLength() == 0)
        {
            throw new InvalidOperationException($"{path}: alerts.eventPattern must be an object with a non-empty 'source' array.");
        }

        return config.QueueName.Length > 0 ? config : throw new InvalidOperationException($"{path}: alerts.queue.name must not be empty.");
    }
}
