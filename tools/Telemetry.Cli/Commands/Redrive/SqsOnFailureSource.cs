using System.Runtime.CompilerServices;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Telemetry.Cli.Commands.Redrive;

/// <summary>
/// A function's on-failure queue, received until empty. A message is deleted only once its range was processed;
/// the others are made visible again at the end, so the next run (or another reader) sees them.
/// </summary>
public sealed class SqsOnFailureSource(IAmazonSQS sqs, string queueUrl) : IOnFailureSource
{
    // Long enough for a run to process what it received; a message not deleted comes back after this at the latest.
    private const int VisibilityTimeoutSeconds = 900;

    private readonly Dictionary<string, string> receipts = new(StringComparer.Ordinal);

    public string Name => queueUrl;

    public async IAsyncEnumerable<PendingInvocation> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            // Long polling asks every SQS server, so an empty answer means the queue is empty (of visible messages).
            var response = await sqs.ReceiveMessageAsync(
                new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 2, VisibilityTimeout = VisibilityTimeoutSeconds },
                cancellationToken);
            if (response.Messages is not { Count: > 0 } messages)
            {
                yield break;
            }

            // Every receipt of the batch is held before the first message is handed out: a run that stops on that
            // message must still make the others visible again, not leave them hidden for the whole timeout.
            foreach (var message in messages)
            {
                receipts[message.MessageId] = message.ReceiptHandle;
            }

            foreach (var message in messages)
            {
                var parsed = OnFailureLine.Parse(0, message.Body ?? string.Empty);
                yield return new PendingInvocation($"message {message.MessageId}", parsed.Text, parsed.Record, parsed.Error);
            }
        }
    }

    public async Task MarkRedrivenAsync(PendingInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var id = invocation.Origin["message ".Length..];
        if (receipts.Remove(id, out var receipt))
        {
            await sqs.DeleteMessageAsync(queueUrl, receipt, cancellationToken);
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var receipt in receipts.Values)
        {
            try
            {
                await sqs.ChangeMessageVisibilityAsync(queueUrl, receipt, 0, cancellationToken);
            }
            catch (Exception e) when (e is ReceiptHandleIsInvalidException or MessageNotInflightException)
            {
                // Received again by another reader after our visibility ran out, or deleted: no longer ours to release,
                // and failing here would keep the rest hidden and hide the run's own outcome.
            }
        }

        receipts.Clear();
    }

    public ValueTask DisposeAsync()
    {
        sqs.Dispose();
        return ValueTask.CompletedTask;
    }
}
