using Amazon.Runtime;
using Telemetry.Local.Emulators;

namespace Telemetry.Local.Stack;

/// <summary>The local alert queue and how many messages wait in it and in its dead-letter queue, for <c>local status</c>.</summary>
public sealed record AlertQueueStatus(string QueueUrl, int? Messages, int? DeadLetters)
{
    /// <summary>Null when no wiring was recorded; counts are null when moto does not answer (it is down, or was restarted empty).</summary>
    public static async Task<AlertQueueStatus?> ReadAsync(LocalStackState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Alerts is not { } alerts)
        {
            return null;
        }

        var moto = state.Processes.FirstOrDefault(p => p.Kind == EmulatorKind.Moto);
        if (moto is null || !moto.IsRunning())
        {
            return new AlertQueueStatus(alerts.QueueUrl, null, null);
        }

        try
        {
            using var sqs = LocalAws.Sqs(moto.Endpoint);
            var queue = await sqs.GetQueueAttributesAsync(alerts.QueueUrl, ["ApproximateNumberOfMessages"], cancellationToken);
            var dead = await sqs.GetQueueAttributesAsync(alerts.DeadLetterQueueUrl, ["ApproximateNumberOfMessages"], cancellationToken);
            return new AlertQueueStatus(alerts.QueueUrl, queue.ApproximateNumberOfMessages, dead.ApproximateNumberOfMessages);
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException)
        {
            return new AlertQueueStatus(alerts.QueueUrl, null, null);
        }
    }
}
