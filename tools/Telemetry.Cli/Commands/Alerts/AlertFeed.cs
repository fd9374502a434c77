using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Telemetry.Contracts.Alerts;

namespace Telemetry.Cli.Commands.Alerts;

/// <summary>
/// A subscriber of the alert fan-out with a queue of its own, as any new consumer would be: created and attached when
/// opened, detached and deleted when disposed, so it never takes messages from <c>telemetry-alerts</c> or from another
/// subscriber. Events arrive at least once; each (episode, detail type) is handed out once.
/// </summary>
public sealed class AlertFeed : IAlertEvents
{
    /// <summary>A live feed retags its queue this often; a queue not retagged for <see cref="LeftoverAfter"/> belongs to a dead one.</summary>
    public static readonly TimeSpan HeartbeatEvery = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan LeftoverAfter = TimeSpan.FromMinutes(5);

    public const string HeartbeatTag = "telemetry-heartbeat";

    private const int MaxWaitSeconds = 20;
    private const int RememberedTransitions = 10_000;

    private readonly IAmazonSQS sqs;
    private readonly IAlertSubscriber subscriber;
    private readonly TimeProvider time;
    private readonly Action<string> warn;
    private readonly string attachment;
    private readonly HashSet<(string Episode, string DetailType)> seen = [];
    private readonly Queue<(string Episode, string DetailType)> seenOrder = new();
    private DateTimeOffset lastHeartbeat;
    private bool disposed;

    private AlertFeed(IAmazonSQS sqs, IAlertSubscriber subscriber, TimeProvider time, Action<string> warn, string queueName, string queueUrl, string attachment)
    {
        this.sqs = sqs;
        this.subscriber = subscriber;
        this.time = time;
        this.warn = warn;
        QueueName = queueName;
        QueueUrl = queueUrl;
        this.attachment = attachment;
        lastHeartbeat = time.GetUtcNow();
    }

    public string QueueName { get; }

    public string QueueUrl { get; }

    public string Source => subscriber.Source;

    /// <summary>
    /// Removes what killed subscribers left behind, then creates a queue named after <paramref name="alertQueueName"/>
    /// and <paramref name="purpose"/> (<c>tail</c>, <c>demo</c>) and attaches it.
    /// </summary>
    public static async Task<AlertFeed> OpenAsync(
        IAmazonSQS sqs, IAlertSubscriber subscriber, string alertQueueName, string purpose, TimeProvider time, Action<string> warn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(warn);
        var prefix = $"{alertQueueName}-sub-";
        await RemoveLeftoversAsync(sqs, subscriber, prefix, time, warn, cancellationToken);

        var now = time.GetUtcNow();
        var name = $"{prefix}{purpose}-{now.UtcDateTime:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var url = (await sqs.CreateQueueAsync(
            new CreateQueueRequest
            {
                QueueName = name,
                Attributes = new() { ["MessageRetentionPeriod"] = "3600" },
                Tags = new() { [HeartbeatTag] = Seconds(now) },
            },
            cancellationToken)).QueueUrl;
        try
        {
            var arn = (await sqs.GetQueueAttributesAsync(url, ["QueueArn"], cancellationToken)).QueueARN;
            await subscriber.PrepareQueueAsync(sqs, url, arn, cancellationToken);
            var attachment = await subscriber.AttachAsync(name, arn, cancellationToken);
            return new AlertFeed(sqs, subscriber, time, warn, name, url, attachment);
        }
        catch
        {
            await sqs.DeleteQueueAsync(url, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The events that arrived within <paramref name="wait"/> (at most 20 s), each transition once.</summary>
    public async Task<IReadOnlyList<AlertEvent>> NextAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await HeartbeatAsync(cancellationToken);
        var answer = await sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = QueueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 0, MaxWaitSeconds),
            },
            cancellationToken);
        var events = new List<AlertEvent>();
        foreach (var message in answer.Messages ?? [])
        {
            if (!AlertEnvelope.TryParse(message.Body, out var alert, out var problem))
            {
                // The queue is this subscriber's own: a message it cannot read is reported and dropped, nothing else is lost.
                warn($"skipped a message in {QueueName} that is not an alert event: {problem}");
            }
            else if (Remember(alert!))
            {
                events.Add(alert!);
            }

            await sqs.DeleteMessageAsync(QueueUrl, message.ReceiptHandle, cancellationToken);
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        // Ctrl+C cancelled the caller's token; the clean-up must still run, within its own bound.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await subscriber.DetachAsync(attachment, bound.Token);
        }
        finally
        {
            await sqs.DeleteQueueAsync(QueueUrl, bound.Token);
        }
    }

    private bool Remember(AlertEvent alert)
    {
        var key = (alert.EpisodeId, alert.DetailType);
        if (!seen.Add(key))
        {
            return false;
        }

        seenOrder.Enqueue(key);
        if (seenOrder.Count > RememberedTransitions)
        {
            seen.Remove(seenOrder.Dequeue());
        }

        return true;
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - lastHeartbeat < HeartbeatEvery)
        {
            return;
        }

        await sqs.TagQueueAsync(new TagQueueRequest { QueueUrl = QueueUrl, Tags = new() { [HeartbeatTag] = Seconds(now) } }, cancellationToken);
        lastHeartbeat = now;
    }

    private static async Task RemoveLeftoversAsync(
        IAmazonSQS sqs, IAlertSubscriber subscriber, string prefix, TimeProvider time, Action<string> warn, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var urls = (await sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = prefix }, cancellationToken)).QueueUrls ?? [];
        foreach (var url in urls)
        {
            var tags = (await sqs.ListQueueTagsAsync(new ListQueueTagsRequest { QueueUrl = url }, cancellationToken)).Tags;
            if (tags is null || !tags.TryGetValue(HeartbeatTag, out var beat)
                || !long.TryParse(beat, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || now - DateTimeOffset.FromUnixTimeSeconds(seconds) < LeftoverAfter)
            {
                continue;
            }

            try
            {
                var arn = (await sqs.GetQueueAttributesAsync(url, ["QueueArn"], cancellationToken)).QueueARN;
                foreach (var leftover in await subscriber.AttachmentsOfAsync(arn, cancellationToken))
                {
                    await subscriber.DetachAsync(leftover, cancellationToken);
                }

                await sqs.DeleteQueueAsync(url, cancellationToken);
                warn($"removed {url[(url.LastIndexOf('/') + 1)..]}, left behind by a subscriber that stopped without cleaning up");
            }
            catch (QueueDoesNotExistException)
            {
                // Another subscriber starting at the same time removed it first.
            }
        }
    }

    private static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
