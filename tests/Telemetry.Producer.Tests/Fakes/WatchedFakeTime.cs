using Microsoft.Extensions.Time.Testing;

namespace Telemetry.Producer.Tests.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also counts the timed waits started on it, so a test can advance the clock
/// only once the code under test is really waiting (advancing earlier would leave the wait armed in the future).
/// </summary>
internal sealed class WatchedFakeTime(DateTimeOffset start) : TimeProvider
{
    private readonly FakeTimeProvider _inner = new(start);
    private int _waitsStarted;

    public int WaitsStarted => Volatile.Read(ref _waitsStarted);

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public void Advance(TimeSpan delta) => _inner.Advance(delta);

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _inner.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Increment(ref _waitsStarted);
        }

        return timer;
    }
}
