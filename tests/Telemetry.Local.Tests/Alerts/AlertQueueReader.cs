using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Telemetry.Local.Tests.Alerts;

/// <summary>Drains the alert queue with AWSSDK.SQS, as a consumer would: receive, then delete what was read.</summary>
internal static class AlertQueueReader
{
    public sealed record Received(string Source, string DetailType, string? EpisodeId, string Body);

    /// <summary>Everything in the queue now. moto delivers inside PutEvents and Publish, so nothing is still on its way.</summary>
    public static async Task<List<Received>> DrainAsync(IAmazonSQS sqs, string queueUrl)
    {
        var received = new List<Received>();
        while (true)
        {
            var page = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
            if (page.Messages is not { Count: > 0 })
            {
                return received;
            }

            foreach (var message in page.Messages)
            {
                received.Add(Parse(message.Body));
                await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }
    }

    private static Received Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        string? episode = root.TryGetProperty("detail", out var detail) && detail.TryGetProperty("episodeId", out var id) ? id.GetString() : null;
        return new Received(
            root.TryGetProperty("source", out var source) ? source.GetString() ?? string.Empty : string.Empty,
            root.TryGetProperty("detail-type", out var type) ? type.GetString() ?? string.Empty : string.Empty,
            episode,
            body);
    }
}
