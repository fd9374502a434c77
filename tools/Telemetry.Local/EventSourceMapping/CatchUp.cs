using System.Globalization;
using Telemetry.Contracts;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>Waits until a consumer's checkpoints reach given sequence numbers, shard by shard.</summary>
public static class CatchUp
{
    /// <summary>
    /// Completes once every shard of <paramref name="targets"/> is checkpointed at or past its target; throws
    /// <see cref="TimeoutException"/> naming the shards still behind after <paramref name="deadline"/>, or
    /// <see cref="InvalidOperationException"/> as soon as <paramref name="givenUp"/> names a reason to stop waiting.
    /// </summary>
    /// <param name="what">The consumer, for messages.</param>
    /// <param name="targets">Shard id to the sequence number to reach.</param>
    /// <param name="checkpoints">Reads the current checkpoint of a shard (null: nothing processed).</param>
    /// <param name="givenUp">A reason why catching up cannot happen any more (the consumer stopped), or null.</param>
    /// <param name="deadline">How long to wait.</param>
    /// <param name="pollEvery">Pause between looks.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task WaitAsync(
        string what,
        IReadOnlyDictionary<string, string> targets,
        Func<string, CancellationToken, Task<string?>> checkpoints,
        Func<string?> givenUp,
        TimeSpan deadline,
        TimeSpan pollEvery,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(givenUp);
        ArgumentNullException.ThrowIfNull(time);
        var giveUpAt = time.GetUtcNow() + deadline;
        while (true)
        {
            var lagging = await LaggingAsync(targets, checkpoints, cancellationToken);
            if (lagging.Count == 0)
            {
                return;
            }

            if (givenUp() is { } reason)
            {
                throw new InvalidOperationException($"{what} cannot catch up: {reason}; " + string.Join("; ", lagging));
            }

            var left = giveUpAt - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{what} did not catch up within {deadline}: " + string.Join("; ", lagging));
            }

            await Task.Delay(pollEvery < left ? pollEvery : left, time, cancellationToken);
        }
    }

    private static async Task<List<string>> LaggingAsync(
        IReadOnlyDictionary<string, string> targets, Func<string, CancellationToken, Task<string?>> checkpoints, CancellationToken cancellationToken)
    {
        var lagging = new List<string>();
        foreach (var (shardId, target) in targets.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var checkpoint = await checkpoints(shardId, cancellationToken);
            if (checkpoint is null || SequenceNumber.Parse(checkpoint) < SequenceNumber.Parse(target))
            {
                lagging.Add(string.Create(CultureInfo.InvariantCulture, $"{shardId} is at {checkpoint ?? "(nothing processed)"}, target {target}"));
            }
        }

        return lagging;
    }
}
