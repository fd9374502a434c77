namespace Telemetry.Aws.Tests.Support;

/// <summary>Polls a probe until a condition holds, failing with a clear message at the deadline.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan deadline, string waitingFor)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            try
            {
                await Task.Delay(Interval, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up after {deadline} waiting for {waitingFor}; last value: {value}");
            }
        }
    }
}
