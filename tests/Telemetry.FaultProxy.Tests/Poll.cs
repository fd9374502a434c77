namespace Telemetry.FaultProxy.Tests;

/// <summary>Polls a probe until a condition holds, failing with the last value at the deadline.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan deadline, string waitingFor)
    {
        var giveUpAt = DateTimeOffset.UtcNow + deadline;
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > giveUpAt)
            {
                throw new TimeoutException($"Gave up after {deadline} waiting for {waitingFor}; last value: {value}");
            }

            await Task.Delay(Interval);
        }
    }
}
