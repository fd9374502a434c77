namespace Telemetry.Producer.Tests.Fakes;

/// <summary>Real clock, but every timer fires at once: backoff and pacing delays take no time in tests that only count outcomes.</summary>
internal sealed class ImmediateTimeProvider : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        base.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
}
