using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Telemetry.Aws.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports every timer it creates, so a test knows the exact delay the
/// code under test asked for, and that the timer exists before it advances the clock.
/// </summary>
internal sealed class TimerRecordingTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _inner = new();
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _inner.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    public void Advance(TimeSpan delta) => _inner.Advance(delta);

    public async Task<TimeSpan> NextTimerAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        return await _timers.Reader.ReadAsync(timeout.Token);
    }

    public bool HasPendingTimerRequests => _timers.Reader.Count > 0;
}
