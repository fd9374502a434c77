using Microsoft.Extensions.Time.Testing;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;

namespace Telemetry.Processing.Tests.Alerts;

public sealed class SilenceWatchTests
{
    private static readonly DateTimeOffset Ten = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lag = TimeSpan.FromSeconds(15);
    private static readonly AlertRuleSet Rules = new([], new Dictionary<string, TimeSpan> { ["thermostat"] = TimeSpan.FromMinutes(2) });
    private readonly FakeTimeProvider clock = new(Ten);

    // Device clocks run 3 s behind arrival here: silence is measured on arrival, reported in device time.
    private static SeenDevice Seen(DateTimeOffset lastArrival, string type = "thermostat", SilenceEpisode? silence = null) =>
        new("thermostat-0001", type, "plant-a", lastArrival.AddSeconds(-3), lastArrival, silence);

    [Fact]
    public void Check_HeardFromWithinThresholdAndLag_Nothing()
    {
        clock.Advance(TimeSpan.FromMinutes(2) + Lag);

        Assert.Null(SilenceWatch.Check(Seen(Ten), Rules, clock.GetUtcNow(), Lag));
    }

    [Fact]
    public void Check_QuietLongerThanThresholdAndLag_OpensOneSilence()
    {
        clock.Advance(TimeSpan.FromMinutes(2) + Lag + TimeSpan.FromSeconds(1));

        var decision = SilenceWatch.Check(Seen(Ten), Rules, clock.GetUtcNow(), Lag);
        var again = SilenceWatch.Check(Seen(Ten), Rules, clock.GetUtcNow().AddMinutes(5), Lag);

        Assert.NotNull(decision);
        Assert.Equal(AlertEventTypes.DeviceSilent, decision.Event.DetailType);
        Assert.Equal((Ten.AddSeconds(-3), TimeSpan.FromMinutes(2)), (decision.Event.LastSeenAt!.Value, decision.Event.SilentAfter!.Value));
        Assert.Equal(decision.Silence!.Id, again!.Silence!.Id);
    }

    [Fact]
    public void Check_SilentDeviceStillQuiet_Nothing()
    {
        var silence = new SilenceEpisode("s1", Ten.AddSeconds(-3), Ten);
        clock.Advance(TimeSpan.FromHours(1));

        Assert.Null(SilenceWatch.Check(Seen(Ten, silence: silence), Rules, clock.GetUtcNow(), Lag));
    }

    [Fact]
    public void Check_SilentDeviceHeardFromAgain_ResumesTheSameEpisode()
    {
        var silence = new SilenceEpisode("s1", Ten.AddSeconds(-3), Ten);
        var back = Ten.AddMinutes(10);

        var decision = SilenceWatch.Check(Seen(back, silence: silence), Rules, back.AddSeconds(30), Lag);

        Assert.NotNull(decision);
        Assert.Null(decision.Silence);
        Assert.Equal((AlertEventTypes.DeviceResumed, "s1"), (decision.Event.DetailType, decision.Event.EpisodeId));
        Assert.Equal((Ten.AddSeconds(-3), back.AddSeconds(-3)), (decision.Event.StartedAt, decision.Event.EndedAt!.Value));
    }

    [Fact]
    public void Check_TypeWithoutThreshold_NeverSilent()
    {
        Assert.Null(SilenceWatch.Check(Seen(Ten, type: "vibration"), Rules, Ten.AddDays(1), Lag));
    }
}
