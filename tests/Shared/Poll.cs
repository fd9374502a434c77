using System.Diagnostics;

namespace Telemetry.Testing;

/// <summary>
/// Waits for a condition by polling, with a deadline, instead of sleeping a guessed time. One copy, compiled into
/// every test project (tests/Directory.Build.props).
/// </summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(10);

    /// <summary>Probes until <paramref name="condition"/> holds for the value; fails with the last value at the deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan deadline, string waitingFor)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"Gave up after {deadline} waiting for {waitingFor}; last value: {value}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; 10 s unless <paramref name="deadline"/> says otherwise.</summary>
    public static Task UntilAsync(Func<bool> condition, string waitingFor, TimeSpan? deadline = null) =>
        UntilAsync(() => Task.FromResult(condition()), holds => holds, deadline ?? DefaultDeadline, waitingFor);
}
