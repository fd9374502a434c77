using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Tests.EventSourceMapping;

public sealed class RetryDelayTests
{
    [Fact]
    public void For_AnyAttemptWithTheDefaultSettings_WaitsAtMostFiveSeconds()
    {
        var settings = new EventSourceMappingSettings();

        // Unlimited retries reach attempt numbers far past where doubling would overflow; the wait stays capped.
        var longest = Enumerable.Range(0, 10_000).Concat([int.MaxValue]).Max(attempt => RetryDelay.For(attempt, settings));

        Assert.Equal(TimeSpan.FromSeconds(5), settings.MaximumRetryDelay);
        Assert.InRange(longest, TimeSpan.Zero, settings.MaximumRetryDelay);
    }
}
