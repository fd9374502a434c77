using Telemetry.Producer.Sending;

namespace Telemetry.Producer.Tests.Sending;

public class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(5);

    [Fact]
    public void Ceiling_SuccessiveRetries_DoublesUpToTheCap()
    {
        var ceilings = Enumerable.Range(1, 8).Select(r => Backoff.Ceiling(r, Base, Cap).TotalMilliseconds);

        Assert.Equal([100, 200, 400, 800, 1600, 3200, 5000, 5000], ceilings);
    }

    [Fact]
    public void Ceiling_HugeRetryNumber_StaysAtTheCap()
    {
        Assert.Equal(Cap, Backoff.Ceiling(int.MaxValue, Base, Cap));
    }

    [Fact]
    public void FullJitter_ManySamples_SpreadOverZeroToCeiling()
    {
        var random = new Random(1);

        var delays = Enumerable.Range(0, 1000).Select(_ => Backoff.FullJitter(3, Base, Cap, random)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMilliseconds(400)));
        Assert.Contains(delays, d => d < TimeSpan.FromMilliseconds(100));
        Assert.Contains(delays, d => d > TimeSpan.FromMilliseconds(300));
    }
}
